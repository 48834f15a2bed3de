package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay, parses every object into fabric8's typed model and checks the cross-references: against each
 * service's application.properties (port, health paths, environment variable names, who calls whom) and among the
 * objects themselves (selectors and labels, ConfigMap and Secret keys, ports named in probes, Services and policies).
 */
class KubernetesManifestsTest {

    /** Every module of the root pom named *-service: a new service without manifests fails these tests. */
    static final List<String> SERVICES = serviceModules();
    /** Scale on load with a HorizontalPodAutoscaler; the others scale by their replica count. */
    static final Set<String> AUTOSCALED = Set.of("similarity-service", "recommend-service");
    /** The label that makes a pod, in any namespace, a client allowed to call the services (the CLI, gateways). */
    static final String CLIENT_LABEL = "persona.dev/client";
    /** The policy that lets Prometheus scrape the services, and the pod and namespace it lets in. */
    static final String SCRAPER_POLICY = "persona-allow-prometheus";
    static final Map<String, String> SCRAPER_LABELS = Map.of("app.kubernetes.io/name", "prometheus");
    static final Map<String, String> SCRAPER_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    /** The labels of the namespace the suite runs in, for the policies' evaluation (the manifests name none). */
    static final Map<String, String> OWN_NAMESPACE = Map.of("kubernetes.io/metadata.name", "persona");
    /** Connections a PostgreSQL with the default max_connections of 100 offers, less 3 reserved for superusers. */
    static final int POSTGRES_CONNECTIONS = 97;

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();
    private static final Map<String, ServiceConfig> CONFIG = new ConcurrentHashMap<>();

    static Rendered rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Rendered::overlay);
    }

    static ServiceConfig config(String service) {
        return CONFIG.computeIfAbsent(service, ServiceConfig::of);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectParsesIntoTheTypedModelWithNothingLeftOver(String overlay) {
        Rendered r = rendered(overlay);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.objects.size(); i++) {
            HasMetadata o = r.objects.get(i);
            String id = o.getKind() + "/" + o.getMetadata().getName();
            assertTrue(seen.add(id), overlay + ": " + id + " twice");
            assertEquals(List.of(), Rendered.unknownFields(o, id), overlay + ": fields the model does not know");
            assertEquals(Rendered.canonical(r.trees.get(i)), Rendered.canonical(Rendered.asTree(o)),
                    overlay + ": " + id + " does not survive the typed model");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsAccountConfigurationDeploymentServiceBudgetAndPolicy(String overlay) {
        Rendered r = rendered(overlay);
        assertTrue(SERVICES.containsAll(AUTOSCALED) && SERVICES.contains("profile-service"), "service modules " + SERVICES);
        for (String s : SERVICES) {
            r.get(ServiceAccount.class, s);
            r.get(ConfigMap.class, s);
            r.get(Service.class, s);
            r.get(PodDisruptionBudget.class, s);
            r.get(NetworkPolicy.class, s);
            Deployment d = r.get(Deployment.class, s);
            Optional<HorizontalPodAutoscaler> hpa = r.find(HorizontalPodAutoscaler.class, s);
            assertEquals(AUTOSCALED.contains(s), hpa.isPresent(), overlay + ": autoscaler of " + s);
            if (hpa.isPresent()) {
                assertNull(d.getSpec().getReplicas(), overlay + ": " + s + " sets replicas that its autoscaler owns");
            } else {
                assertTrue(d.getSpec().getReplicas() >= 1, overlay + ": replicas of " + s);
            }
            assertEquals(1, d.getSpec().getTemplate().getSpec().getContainers().size(), overlay + ": containers of " + s);
            assertEquals(s, container(r, s).getName());
        }
        assertEquals(AUTOSCALED.size(), r.all(HorizontalPodAutoscaler.class).size(), overlay + ": autoscalers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void selectorsMatchTheLabelsOfExactlyTheirOwnPods(String overlay) {
        Rendered r = rendered(overlay);
        List<Deployment> deployments = r.all(Deployment.class);
        for (Deployment d : deployments) {
            Map<String, String> pod = podLabels(d);
            assertTrue(Rendered.selects(d.getSpec().getSelector(), pod), overlay + ": " + name(d) + " selects its pods");
            PodSpec spec = d.getSpec().getTemplate().getSpec();
            if (spec.getTopologySpreadConstraints() != null) {
                for (TopologySpreadConstraint t : spec.getTopologySpreadConstraints()) {
                    assertEquals(List.of(name(d)), deployments.stream()
                            .filter(x -> Rendered.selects(t.getLabelSelector(), podLabels(x))).map(this::name).toList(),
                            overlay + ": topology spread of " + name(d));
                }
            }
            if (spec.getServiceAccountName() != null) {
                r.get(ServiceAccount.class, spec.getServiceAccountName());
            }
        }
        for (Service s : r.all(Service.class)) {
            assertEquals(List.of(name(s)), deployments.stream()
                    .filter(d -> Rendered.selects(s.getSpec().getSelector(), podLabels(d))).map(this::name).toList(),
                    overlay + ": pods behind Service " + name(s));
        }
        for (PodDisruptionBudget b : r.all(PodDisruptionBudget.class)) {
            assertEquals(List.of(name(b)), deployments.stream()
                    .filter(d -> Rendered.selects(b.getSpec().getSelector(), podLabels(d))).map(this::name).toList(),
                    overlay + ": pods of PodDisruptionBudget " + name(b));
        }
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            List<String> selected = deployments.stream()
                    .filter(d -> Rendered.selects(p.getSpec().getPodSelector(), podLabels(d))).map(this::name).toList();
            if (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()) {
                assertEquals(deployments.stream().map(this::name).toList(), selected,
                        overlay + ": the default deny covers every pod");
            } else if (name(p).equals(SCRAPER_POLICY)) {
                assertEquals(new TreeSet<>(SERVICES), new TreeSet<>(selected),
                        overlay + ": Prometheus may scrape the services, and no other pod");
            } else {
                assertEquals(List.of(name(p)), selected, overlay + ": pods of NetworkPolicy " + name(p));
            }
        }
        for (HorizontalPodAutoscaler h : r.all(HorizontalPodAutoscaler.class)) {
            var target = h.getSpec().getScaleTargetRef();
            assertEquals("apps/v1", target.getApiVersion());
            assertEquals("Deployment", target.getKind());
            assertEquals(name(h), target.getName(), overlay + ": autoscaler target");
            r.get(Deployment.class, target.getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAndProbesAreThoseOfTheServiceConfiguration(String overlay) {
        Rendered r = rendered(overlay);
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            assertTrue(cfg.servesGrpcOnHttpPort(), s + " serves gRPC and health on one port");
            Container c = container(r, s);
            ContainerPort grpc = c.getPorts().stream().filter(p -> "grpc".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + s + " has no port named grpc"));
            assertEquals(1, c.getPorts().size(), overlay + ": " + s + " opens one port");
            String portValue = env(r, c, cfg.portEnv())
                    .orElseThrow(() -> new AssertionError(overlay + ": " + s + " does not set " + cfg.portEnv()));
            assertEquals(String.valueOf(grpc.getContainerPort()), portValue,
                    overlay + ": " + s + "'s container port is the port its configuration listens on");
            assertEquals(cfg.defaultPort(), grpc.getContainerPort(),
                    overlay + ": " + s + " listens on its documented port in the cluster too");

            Service svc = r.get(Service.class, s);
            assertEquals(1, svc.getSpec().getPorts().size());
            ServicePort sp = svc.getSpec().getPorts().get(0);
            assertEquals("grpc", sp.getName(), overlay + ": Service port name of " + s);
            assertEquals(grpc.getContainerPort(), sp.getPort(), overlay + ": Service port of " + s);
            assertEquals(grpc.getContainerPort(), resolve(c, sp.getTargetPort()), overlay + ": target port of " + s);

            String id = overlay + ": " + s;
            checkProbe(id + " startup", c, c.getStartupProbe(), grpc, Set.of(cfg.readinessPath(), cfg.livenessPath()));
            checkProbe(id + " readiness", c, c.getReadinessProbe(), grpc, Set.of(cfg.readinessPath()));
            checkProbe(id + " liveness", c, c.getLivenessProbe(), grpc, Set.of(cfg.livenessPath()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void environmentVariablesAreThoseTheConfigurationReads(String overlay) {
        Rendered r = rendered(overlay);
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            Container c = container(r, s);
            Map<String, EnvVar> env = new TreeMap<>();
            for (EnvVar e : c.getEnv()) {
                assertNull(env.put(e.getName(), e), overlay + ": " + s + " sets " + e.getName() + " twice");
                assertTrue(cfg.envNames().contains(e.getName()),
                        overlay + ": " + s + " sets " + e.getName() + ", which its application.properties never reads "
                                + cfg.envNames());
                assertNotNull(e.getValueFrom(), overlay + ": " + s + "'s " + e.getName() + " comes from a ConfigMap or Secret");
            }
            assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty(), "every variable is named, no envFrom");

            Set<String> required = new LinkedHashSet<>(List.of(cfg.portEnv(), cfg.envOf("quarkus.http.host")));
            Set<String> credentials = cfg.datastoreEnv();
            required.addAll(cfg.peerEnv());
            assertFalse(required.contains(null) || credentials.contains(null),
                    s + ": a property the cluster must set reads no environment variable");
            for (String name : required) {
                assertTrue(env.containsKey(name), overlay + ": " + s + " must set " + name);
            }
            for (String name : credentials) {
                assertTrue(env.containsKey(name), overlay + ": " + s + " must set " + name);
                assertNotNull(env.get(name).getValueFrom().getSecretKeyRef(), overlay + ": " + s + "'s " + name + " from a Secret");
            }
            ConfigMap cm = r.get(ConfigMap.class, s);
            Set<String> consumed = c.getEnv().stream()
                    .filter(e -> e.getValueFrom().getConfigMapKeyRef() != null
                            && e.getValueFrom().getConfigMapKeyRef().getName().equals(s))
                    .map(e -> e.getValueFrom().getConfigMapKeyRef().getKey())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(cm.getData().keySet()), consumed, overlay + ": every key of ConfigMap " + s + " is used");
            for (String key : cm.getData().keySet()) {
                assertFalse(credentials.contains(key), overlay + ": credential " + key + " in a ConfigMap");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedConfigMapAndSecretKeyExists(String overlay) throws IOException {
        Rendered r = rendered(overlay);
        Map<String, Set<String>> outOfBand = documentedSecrets();
        Map<String, Set<String>> referencedSecrets = new TreeMap<>();
        Map<String, Set<String>> referencedConfigMaps = new TreeMap<>();
        for (Deployment d : r.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty());
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    var cmRef = e.getValueFrom().getConfigMapKeyRef();
                    var secretRef = e.getValueFrom().getSecretKeyRef();
                    if (cmRef != null) {
                        assertNotEquals(Boolean.TRUE, cmRef.getOptional());
                        ConfigMap cm = r.get(ConfigMap.class, cmRef.getName());
                        assertTrue(cm.getData().containsKey(cmRef.getKey()),
                                overlay + ": ConfigMap " + cmRef.getName() + " has no key " + cmRef.getKey());
                        referencedConfigMaps.computeIfAbsent(cmRef.getName(), k -> new TreeSet<>()).add(cmRef.getKey());
                    } else if (secretRef != null) {
                        assertNotEquals(Boolean.TRUE, secretRef.getOptional());
                        referencedSecrets.computeIfAbsent(secretRef.getName(), k -> new TreeSet<>()).add(secretRef.getKey());
                        Optional<Secret> secret = r.find(Secret.class, secretRef.getName());
                        if (overlay.equals("dev")) {
                            assertTrue(secret.isPresent(), "dev generates Secret " + secretRef.getName());
                            assertTrue(secret.get().getData().containsKey(secretRef.getKey()),
                                    "dev: Secret " + secretRef.getName() + " has no key " + secretRef.getKey());
                        } else {
                            assertTrue(outOfBand.getOrDefault(secretRef.getName(), Set.of()).contains(secretRef.getKey()),
                                    overlay + ": Secret " + secretRef.getName() + " key " + secretRef.getKey()
                                            + " is not among those the README says to create " + outOfBand);
                        }
                    } else {
                        fail(overlay + ": " + name(d) + "'s " + e.getName() + " comes from neither ConfigMap nor Secret");
                    }
                }
            }
        }
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            assertEquals(new TreeSet<>(cm.getData().keySet()), referencedConfigMaps.get(name(cm)),
                    overlay + ": ConfigMap " + name(cm) + " keys nobody reads");
        }
        if (overlay.equals("dev")) {
            for (Secret s : r.all(Secret.class)) {
                assertEquals(new TreeSet<>(s.getData().keySet()), referencedSecrets.get(name(s)),
                        "dev: Secret " + name(s) + " keys nobody reads");
            }
        } else {
            assertEquals(List.of(), r.all(Secret.class), overlay + ": no Secret is committed");
            assertEquals(outOfBand, referencedSecrets, overlay + ": the Secrets the README says to create are those used");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void clientsReachProfileServiceThroughItsServiceNameAndPort(String overlay) {
        Rendered r = rendered(overlay);
        Deployment profile = r.get(Deployment.class, "profile-service");
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            if (!cfg.callsProfileService()) {
                continue;
            }
            Container c = container(r, s);
            String host = env(r, c, cfg.envOf("quarkus.grpc.clients.profile.host")).orElseThrow();
            String port = env(r, c, cfg.envOf("quarkus.grpc.clients.profile.port")).orElseThrow();
            Service svc = r.get(Service.class, host);
            assertTrue(Rendered.selects(svc.getSpec().getSelector(), podLabels(profile)),
                    overlay + ": " + s + " calls " + host + ", which is not profile-service");
            assertEquals(String.valueOf(svc.getSpec().getPorts().get(0).getPort()), port,
                    overlay + ": " + s + " calls profile-service on the port its Service offers");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devCredentialsPointAtTheInClusterPostgresAndRedis(String overlay) {
        Rendered r = rendered(overlay);
        URI jdbc = URI.create(secretValue(r, "persona-postgres", "jdbc-url").substring("jdbc:".length()));
        assertEquals("postgresql", jdbc.getScheme());
        Deployment postgres = backing(r, jdbc.getHost(), jdbc.getPort());
        Container pg = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(jdbc.getPath().substring(1), env(r, pg, "POSTGRES_DB").orElseThrow(), "database name");
        assertEquals(secretValue(r, "persona-postgres", "username"), env(r, pg, "POSTGRES_USER").orElseThrow());
        assertEquals(secretValue(r, "persona-postgres", "password"), env(r, pg, "POSTGRES_PASSWORD").orElseThrow());

        URI redisUrl = URI.create(secretValue(r, "persona-redis", "url"));
        assertEquals("redis", redisUrl.getScheme());
        Deployment redis = backing(r, redisUrl.getHost(), redisUrl.getPort());
        Container rc = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        String password = redisUrl.getUserInfo().substring(redisUrl.getUserInfo().indexOf(':') + 1);
        assertEquals(password, env(r, rc, "REDIS_PASSWORD").orElseThrow(), "the URL carries the server's password");
        assertTrue(rc.getArgs().contains("$(REDIS_PASSWORD)"), "the server requires that password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodRunsOnlyTheServicesAgainstExternalPostgresAndRedis(String overlay) {
        Rendered r = rendered(overlay);
        assertEquals(new TreeSet<>(SERVICES), r.all(Deployment.class).stream().map(this::name)
                .collect(Collectors.toCollection(TreeSet::new)), "prod: no in-cluster PostgreSQL or Redis");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsRunNonRootOnReadOnlyFilesystemsWithoutCapabilitiesAndWithinLimits(String overlay) {
        Rendered r = rendered(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String id = overlay + ": " + name(d);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), id + " mounts no API token");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), id);
            Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod.getSecurityContext().getRunAsNonRoot();
                assertEquals(Boolean.TRUE, nonRoot, id + " runs as non-root");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), id + " read-only root filesystem");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), id + " no privilege escalation");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), id + " drops all capabilities");
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), id);
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = c.getResources().getRequests().get(resource);
                    Quantity limit = c.getResources().getLimits().get(resource);
                    assertNotNull(request, id + " requests " + resource);
                    assertNotNull(limit, id + " limits " + resource);
                    assertTrue(request.getNumericalAmount().compareTo(limit.getNumericalAmount()) <= 0,
                            id + " requests no more " + resource + " than its limit");
                }
                for (VolumeMount m : c.getVolumeMounts()) {
                    assertTrue(volumes.contains(m.getName()), id + " mounts undeclared volume " + m.getName());
                }
                if (SERVICES.contains(name(d))) {
                    assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                            id + " has a writable /tmp");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesLetEachServiceBeCalledOnlyByWhatNeedsIt(String overlay) {
        Rendered r = rendered(overlay);
        List<Caller> callers = new ArrayList<>();
        for (Deployment d : r.all(Deployment.class)) {
            callers.add(new Caller(name(d), podLabels(d), OWN_NAMESPACE));
        }
        Map<String, String> otherNamespace = Map.of("kubernetes.io/metadata.name", "other");
        callers.add(new Caller("client", Map.of(CLIENT_LABEL, "true"), otherNamespace));
        callers.add(new Caller("unlabelled pod", Map.of("app.kubernetes.io/name", "other"), OWN_NAMESPACE));
        callers.add(new Caller("pod of another namespace", Map.of("app.kubernetes.io/name", "other"), otherNamespace));
        callers.add(SCRAPER);
        // Both halves of the scraper's peer must match: its labels alone, or its namespace alone, let nothing in.
        callers.add(new Caller("prometheus-labelled pod of the suite's namespace", SCRAPER_LABELS, OWN_NAMESPACE));
        callers.add(new Caller("prometheus-labelled pod of another namespace", SCRAPER_LABELS, otherNamespace));
        callers.add(new Caller("other pod of the monitoring namespace", Map.of("app.kubernetes.io/name", "grafana"),
                SCRAPER_NAMESPACE));

        for (Deployment target : r.all(Deployment.class)) {
            Set<String> expected = new TreeSet<>();
            String t = name(target);
            if (SERVICES.contains(t)) {
                expected.add("client");
                expected.add(SCRAPER.name());
                if (t.equals("profile-service")) {
                    SERVICES.stream().filter(s -> config(s).callsProfileService()).forEach(expected::add);
                }
            } else if (t.equals("postgres")) {
                SERVICES.stream().filter(s -> config(s).usesDatabase()).forEach(expected::add);
            } else if (t.equals("redis")) {
                SERVICES.stream().filter(s -> config(s).usesRedis()).forEach(expected::add);
            } else {
                fail(overlay + ": no expectation for who may call " + t);
            }
            Container c = target.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(1, c.getPorts().size(), t + " serves one port");
            ContainerPort port = c.getPorts().get(0);
            List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                            && Rendered.selects(p.getSpec().getPodSelector(), podLabels(target)))
                    .toList();
            assertFalse(policies.isEmpty(), overlay + ": " + t + " is open to every pod");
            Set<String> allowed = callers.stream()
                    .filter(caller -> policies.stream().anyMatch(p -> admits(p, caller, c, port.getContainerPort())))
                    .map(Caller::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, allowed, overlay + ": who may call " + t);
            for (NetworkPolicy p : policies) {
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress() == null
                        ? List.<NetworkPolicyIngressRule>of() : p.getSpec().getIngress()) {
                    assertNotNull(rule.getPorts(), overlay + ": " + name(p) + " opens every port");
                    for (NetworkPolicyPort np : rule.getPorts()) {
                        assertEquals(port.getContainerPort(), resolve(c, np.getPort()),
                                overlay + ": " + name(p) + " opens a port " + t + " does not serve");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesEachServiceOnTheAnnotatedPortAndPathWhichItsPoliciesOpen(String overlay) throws IOException {
        Rendered r = rendered(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
            String t = name(d);
            if (!SERVICES.contains(t)) {
                assertTrue(annotations == null || annotations.keySet().stream().noneMatch(k -> k.startsWith("prometheus.io/")),
                        overlay + ": " + t + " serves no metrics, so asks for no scrape");
                continue;
            }
            ServiceConfig cfg = config(t);
            String id = overlay + ": " + t;
            assertTrue(Files.readString(Paths.repository().resolve(t).resolve("pom.xml"))
                    .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>"), t + " serves Prometheus metrics");
            assertNotNull(annotations, id + " has no pod annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"), id + ": prometheus.io/scrape");
            assertEquals(cfg.metricsPath(), annotations.get("prometheus.io/path"), id + ": prometheus.io/path");
            Container c = container(r, t);
            String annotated = annotations.get("prometheus.io/port");
            assertNotNull(annotated, id + ": prometheus.io/port");
            assertEquals(1, c.getPorts().size(), id + " serves one port");
            int port = c.getPorts().get(0).getContainerPort();
            assertEquals(String.valueOf(port), annotated, id + ": the metrics port is the container port");
            assertEquals(cfg.defaultPort(), port, id + ": metrics on the port its configuration listens on");
            List<NetworkPolicy> letIn = r.all(NetworkPolicy.class).stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                            && Rendered.selects(p.getSpec().getPodSelector(), podLabels(d))
                            && admits(p, SCRAPER, c, Integer.parseInt(annotated)))
                    .toList();
            assertEquals(List.of(SCRAPER_POLICY), letIn.stream().map(this::name).toList(),
                    id + ": the scraper is let in on the annotated port, by its own policy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void replicasAutoscalingAndDatabaseConnectionsFit(String overlay) {
        Rendered r = rendered(overlay);
        int connections = 0;
        for (String s : SERVICES) {
            Deployment d = r.get(Deployment.class, s);
            Optional<HorizontalPodAutoscaler> hpa = r.find(HorizontalPodAutoscaler.class, s);
            int max;
            if (hpa.isPresent()) {
                var spec = hpa.get().getSpec();
                assertTrue(spec.getMinReplicas() >= 1 && spec.getMinReplicas() < spec.getMaxReplicas(), overlay + ": " + s);
                MetricSpec metric = spec.getMetrics().get(0);
                assertEquals("cpu", metric.getResource().getName());
                assertNotNull(container(r, s).getResources().getRequests().get("cpu"), "utilisation needs a CPU request");
                if (overlay.equals("prod")) {
                    assertTrue(spec.getMinReplicas() >= 2, "prod: " + s + " survives losing a pod");
                }
                max = spec.getMaxReplicas();
            } else {
                max = d.getSpec().getReplicas();
                if (overlay.equals("prod")) {
                    assertTrue(max >= 2, "prod: " + s + " runs more than one replica");
                }
            }
            int surge = d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal();
            ServiceConfig cfg = config(s);
            if (cfg.usesDatabase()) {
                String poolEnv = cfg.envOf("quarkus.datasource.jdbc.max-size");
                int pool = Integer.parseInt(env(r, container(r, s), poolEnv).orElse(cfg.defaultOf("quarkus.datasource.jdbc.max-size")));
                connections += (max + surge) * pool;
            }
        }
        assertTrue(connections <= POSTGRES_CONNECTIONS,
                overlay + ": at most " + connections + " PostgreSQL connections, more than " + POSTGRES_CONNECTIONS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesAreThePersonaImagesOfOneVersion(String overlay) throws IOException {
        Rendered r = rendered(overlay);
        Set<String> tags = new TreeSet<>();
        for (String s : SERVICES) {
            String image = container(r, s).getImage();
            if (overlay.equals("dev")) {
                assertEquals("persona/" + s + ":" + ImagesTest.projectVersion(), image, "dev runs the images built here");
            } else {
                Matcher m = Pattern.compile("[a-z0-9.\\-]+(?::\\d+)?/persona/" + Pattern.quote(s) + ":([\\w.\\-]+)").matcher(image);
                assertTrue(m.matches(), "prod pulls " + s + " from a registry: " + image);
                assertFalse(m.group(1).contains("SNAPSHOT"), "prod runs a release: " + image);
                tags.add(m.group(1));
            }
        }
        assertTrue(tags.size() <= 1, overlay + ": one release of the suite " + tags);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A probe is a native gRPC probe (grpc.health.v1.Health on the serving port, which must be a number) or an HTTP
     * GET of one of the health paths the configuration gives, on the serving port; nothing else.
     */
    private static void checkProbe(String id, Container c, Probe probe, ContainerPort serving, Set<String> paths) {
        assertNotNull(probe, id + " probe");
        if (probe.getGrpc() != null) {
            assertEquals(serving.getContainerPort(), probe.getGrpc().getPort(), id + " gRPC probe port");
            assertNull(probe.getGrpc().getService(), id + " probes the server as a whole");
            assertNull(probe.getHttpGet(), id);
        } else {
            assertNotNull(probe.getHttpGet(), id + " is a gRPC or an HTTP probe");
            assertTrue(paths.contains(probe.getHttpGet().getPath()), id + " path " + probe.getHttpGet().getPath()
                    + " is not among " + paths);
            assertEquals(serving.getContainerPort(), resolve(c, probe.getHttpGet().getPort()), id + " HTTP probe port");
        }
        assertNull(probe.getExec(), id);
        assertNull(probe.getTcpSocket(), id);
    }

    /** A pod that may call, by its labels and the labels of its namespace. */
    private record Caller(String name, Map<String, String> labels, Map<String, String> namespaceLabels) {
    }

    /** Prometheus as the scraper policy expects it: its pod labels, in the monitoring namespace. */
    private static final Caller SCRAPER = new Caller("prometheus", SCRAPER_LABELS, SCRAPER_NAMESPACE);

    /** Whether one ingress rule of the policy lets the caller reach the target container's port number {@code port}. */
    private static boolean admits(NetworkPolicy p, Caller caller, Container target, int port) {
        if (p.getSpec().getIngress() == null) {
            return false;
        }
        for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
            boolean portOk = rule.getPorts() == null || rule.getPorts().stream().anyMatch(np ->
                    (np.getProtocol() == null || np.getProtocol().equals("TCP"))
                            && (np.getPort() == null || resolvesTo(target, np.getPort(), port)));
            boolean fromOk = rule.getFrom() == null || rule.getFrom().isEmpty()
                    || rule.getFrom().stream().anyMatch(peer -> admits(peer, caller));
            if (portOk && fromOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean admits(NetworkPolicyPeer peer, Caller caller) {
        if (peer.getIpBlock() != null) {
            throw new IllegalArgumentException("ipBlock peers are not evaluated here");
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? caller.namespaceLabels().equals(OWN_NAMESPACE)
                : Rendered.selects(peer.getNamespaceSelector(), caller.namespaceLabels());
        return namespaceOk && (peer.getPodSelector() == null || Rendered.selects(peer.getPodSelector(), caller.labels()));
    }

    /** Whether a policy's port, a number or the name of one of the target container's ports, is {@code port}. */
    private static boolean resolvesTo(Container target, IntOrString policyPort, int port) {
        if (policyPort.getIntVal() != null) {
            return policyPort.getIntVal() == port;
        }
        return target.getPorts().stream()
                .anyMatch(p -> policyPort.getStrVal().equals(p.getName()) && p.getContainerPort() == port);
    }

    /** A port given by number or by the name of one of the container's ports, as a number. */
    private static int resolve(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + port.getStrVal()))
                .getContainerPort();
    }

    /** The Deployment behind the Service {@code host} that offers {@code port}. */
    private Deployment backing(Rendered r, String host, int port) {
        Service svc = r.get(Service.class, host);
        assertTrue(svc.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), host + " offers " + port);
        return r.all(Deployment.class).stream()
                .filter(d -> Rendered.selects(svc.getSpec().getSelector(), podLabels(d))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing behind Service " + host));
    }

    static Container container(Rendered r, String deployment) {
        return r.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The value a container sees: a literal, a ConfigMap key, a rendered Secret key; empty if unset or out of band. */
    static Optional<String> env(Rendered r, Container c, String name) {
        for (EnvVar e : c.getEnv()) {
            if (!e.getName().equals(name)) {
                continue;
            }
            if (e.getValueFrom() == null) {
                return Optional.ofNullable(e.getValue());
            }
            if (e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                return Optional.ofNullable(r.get(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
            }
            if (e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                return r.find(Secret.class, ref.getName()).map(s -> decode(s.getData().get(ref.getKey())));
            }
        }
        return Optional.empty();
    }

    private static String secretValue(Rendered r, String secret, String key) {
        return decode(r.get(Secret.class, secret).getData().get(key));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    private String name(HasMetadata o) {
        return o.getMetadata().getName();
    }

    static List<String> serviceModules() {
        try {
            String pom = Files.readString(Paths.repository().resolve("pom.xml"));
            List<String> modules = new ArrayList<>();
            Matcher m = Pattern.compile("<module>([\\w-]+-service)</module>").matcher(pom);
            while (m.find()) {
                modules.add(m.group(1));
            }
            return List.copyOf(modules);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Pattern CREATE_SECRET = Pattern.compile("create secret generic (\\S+)((?:\\s+--from-literal=[\\w.\\-]+=\\S*)+)");
    private static final Pattern LITERAL_KEY = Pattern.compile("--from-literal=([\\w.\\-]+)=");

    /**
     * The Secrets the README tells operators to create for prod, by name and key, read from its
     * {@code kubectl create secret generic <name> --from-literal=<key>=...} commands (lines continued with a backslash).
     */
    static Map<String, Set<String>> documentedSecrets() throws IOException {
        String readme = Files.readString(Paths.repository().resolve("README.md")).replace("\\\n", " ");
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher m = CREATE_SECRET.matcher(readme);
        while (m.find()) {
            Matcher k = LITERAL_KEY.matcher(m.group(2));
            Set<String> keys = secrets.computeIfAbsent(m.group(1), x -> new TreeSet<>());
            while (k.find()) {
                keys.add(k.group(1));
            }
        }
        return new TreeMap<>(secrets);
    }
}
