package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
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
import io.fabric8.kubernetes.api.model.VolumeProjection;
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
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay, parses every object into fabric8's typed model and checks the cross-references: against each
 * service's configuration (API and management ports, health paths, environment variable names, who calls whom, the
 * token key and service tokens) and among the objects themselves (selectors and labels, ConfigMap and Secret keys,
 * mounted Secrets, ports named in probes, Services and policies).
 */
class KubernetesManifestsTest {

    /** Every module of the root pom named *-service: a new service without manifests fails these tests. */
    static final List<String> SERVICES = serviceModules();
    /** Scale on load with a HorizontalPodAutoscaler; the others scale by their replica count. */
    static final Set<String> AUTOSCALED = Set.of("similarity-service", "recommend-service");
    /** The pod label that makes a pod a client allowed to call the services (the CLI, gateways)... */
    static final String CLIENT_LABEL = "persona.dev/client";
    /** ...when its namespace carries this label too: both must hold. */
    static final String CLIENTS_NAMESPACE_LABEL = "persona.dev/clients";
    /** The names of the API and the management container ports. */
    static final String API_PORT = "grpc";
    static final String MANAGEMENT_PORT = "management";
    /** The Secret and key holding the PEM public key tokens are verified with, shared by every service. */
    static final String JWT_SECRET = "persona-jwt";
    static final String JWT_KEY = "jwt-public.pem";
    /** The policy that lets Prometheus scrape the services, and the pod and namespace it lets in. */
    static final String SCRAPER_POLICY = "persona-allow-prometheus";
    static final Map<String, String> SCRAPER_LABELS = Map.of("app.kubernetes.io/name", "prometheus");
    static final Map<String, String> SCRAPER_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    /** The labels of the namespace the suite runs in, for the policies' evaluation (the manifests name none). */
    static final Map<String, String> OWN_NAMESPACE = Map.of("kubernetes.io/metadata.name", "persona");
    /** Where each service mounts its own TLS Secret, and the keys that Secret holds: the shape cert-manager writes. */
    static final String TLS_DIR = "/etc/persona/tls";
    static final List<String> TLS_KEYS = List.of("tls.crt", "tls.key", "ca.crt");
    static final String TLS_SECRET_TYPE = "kubernetes.io/tls";
    /** The variables naming the API port's certificate and key, and the CA the callers of profile-service trust. */
    static final String TLS_CERT_ENV = "PERSONA_TLS_CERT";
    static final String TLS_KEY_ENV = "PERSONA_TLS_KEY";
    static final String TLS_CA_ENV = "PERSONA_TLS_CA";
    /**
     * The Secrets a Deployment may mount as optional, every other missing Secret stopping the pod: the CA of a prod
     * PostgreSQL, which a server with a publicly trusted certificate does not need.
     */
    static final Set<String> OPTIONAL_SECRETS = Set.of("persona-postgres-ca");
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
            assertTrue(cfg.servesGrpcOnHttpPort(), s + " serves gRPC on its HTTP port");
            assertTrue(cfg.hasManagementInterface(), s + " serves health and metrics on a management port of their own");
            Container c = container(r, s);
            assertEquals(2, c.getPorts().size(), overlay + ": " + s + " opens its API and its management port");
            ContainerPort grpc = port(c, API_PORT);
            ContainerPort management = port(c, MANAGEMENT_PORT);
            checkListens(overlay, r, c, s, grpc, cfg.portEnv(), cfg.defaultPort());
            checkListens(overlay, r, c, s, management, cfg.managementPortEnv(), cfg.defaultManagementPort());

            // Clients reach the API through the Service; Prometheus scrapes pods directly, so the management port is
            // on no Service.
            Service svc = r.get(Service.class, s);
            assertEquals(1, svc.getSpec().getPorts().size(), overlay + ": " + s + "'s Service offers the API alone");
            ServicePort sp = svc.getSpec().getPorts().get(0);
            assertEquals("grpc", sp.getName(), overlay + ": Service port name of " + s);
            assertEquals(grpc.getContainerPort(), sp.getPort(), overlay + ": Service port of " + s);
            assertEquals(grpc.getContainerPort(), resolve(c, sp.getTargetPort()), overlay + ": target port of " + s);

            // Readiness asks /q/health/live on purpose (see the manifests): /q/health/ready would take every replica
            // out of the Service while PostgreSQL or Redis is down, when the services still answer, degraded.
            String id = overlay + ": " + s;
            Set<String> both = Set.of(cfg.readinessPath(), cfg.livenessPath());
            checkProbe(id + " startup", c, c.getStartupProbe(), management, both);
            checkProbe(id + " readiness", c, c.getReadinessProbe(), management, both);
            checkProbe(id + " liveness", c, c.getLivenessProbe(), management, Set.of(cfg.livenessPath()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyProbeOfAServiceAsksItsManagementPort(String overlay) {
        Rendered r = rendered(overlay);
        for (String s : SERVICES) {
            Container c = container(r, s);
            int management = port(c, MANAGEMENT_PORT).getContainerPort();
            Map<String, Probe> probes = new TreeMap<>();
            probes.put("startup", c.getStartupProbe());
            probes.put("readiness", c.getReadinessProbe());
            probes.put("liveness", c.getLivenessProbe());
            probes.forEach((kind, probe) -> {
                String id = overlay + ": " + s + "'s " + kind + " probe";
                assertNotNull(probe, id);
                assertNull(probe.getGrpc(), id + " is no gRPC probe: the API port serves gRPC only, health is elsewhere");
                assertNull(probe.getTcpSocket(), id);
                assertNull(probe.getExec(), id);
                assertNotNull(probe.getHttpGet(), id + " is an HTTP GET");
                assertEquals(management, resolve(c, probe.getHttpGet().getPort()), id + " asks the management port");
                assertTrue(probe.getHttpGet().getScheme() == null || probe.getHttpGet().getScheme().equals("HTTP"),
                        id + ": the management port speaks plain HTTP");
            });
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
            // Variables the configuration does not read may only be parts of one it does (REDIS_URL's user and
            // password), put together by the kubelet: $(NAME) of a variable defined before.
            Set<String> parts = new TreeSet<>();
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() == null) {
                    List<String> refs = references(e.getValue());
                    assertFalse(refs.isEmpty(), overlay + ": " + s + "'s " + e.getName()
                            + " is a literal; it comes from a ConfigMap or Secret, or is put together from variables that do");
                    for (String ref : refs) {
                        assertTrue(env.containsKey(ref), overlay + ": " + s + "'s " + e.getName() + " refers to " + ref
                                + ", which is not defined before it (the kubelet would leave $(" + ref + ") as it is)");
                    }
                    assertEquals("", e.getValue().replaceAll("\\$\\([A-Z_][A-Z0-9_]*\\)", "").replaceAll("[:/@]", ""),
                            overlay + ": " + s + "'s " + e.getName() + " holds nothing but references and punctuation");
                    parts.addAll(refs);
                }
                assertNull(env.put(e.getName(), e), overlay + ": " + s + " sets " + e.getName() + " twice");
            }
            for (EnvVar e : c.getEnv()) {
                assertTrue(cfg.envNames().contains(e.getName()) || parts.contains(e.getName()),
                        overlay + ": " + s + " sets " + e.getName() + ", which its application.properties never reads "
                                + cfg.envNames() + ", nor is part of a variable it reads");
            }
            assertTrue(c.getEnvFrom() == null || c.getEnvFrom().isEmpty(), "every variable is named, no envFrom");

            Set<String> required = new LinkedHashSet<>(List.of(cfg.portEnv(), cfg.envOf("quarkus.http.host"),
                    cfg.managementPortEnv(), cfg.envOf("quarkus.management.host"), cfg.jwtPublicKeyEnv(), cfg.jwtIssuerEnv()));
            Set<String> credentials = cfg.datastoreEnv();
            required.addAll(cfg.peerEnv());
            if (cfg.callsProfileService()) {
                required.add(cfg.serviceTokenFileEnv());
            } else {
                assertFalse(env.containsKey(cfg.serviceTokenFileEnv()), overlay + ": " + s + " calls no service, needs no token");
            }
            assertFalse(required.contains(null) || credentials.contains(null),
                    s + ": a property the cluster must set reads no environment variable");
            for (String name : required) {
                assertTrue(env.containsKey(name), overlay + ": " + s + " must set " + name);
            }
            for (String name : credentials) {
                assertTrue(env.containsKey(name), overlay + ": " + s + " must set " + name);
                assertTrue(fromSecrets(env, name), overlay + ": " + s + "'s " + name + " from a Secret (or from variables "
                        + "that are each from a Secret)");
            }
            ConfigMap cm = r.get(ConfigMap.class, s);
            Set<String> consumed = c.getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null
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
            for (Container c : allContainers(d)) {
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
                    } else {
                        fail(overlay + ": " + name(d) + "'s " + e.getName() + " comes from neither ConfigMap nor Secret");
                    }
                }
            }
            // Secrets and ConfigMaps mounted as files name their keys (items), so that what must exist is written
            // down; a projected volume's sources likewise.
            for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
                String id = overlay + ": " + name(d) + "'s volume " + v.getName();
                if (v.getSecret() != null) {
                    if (!OPTIONAL_SECRETS.contains(v.getSecret().getSecretName())) {
                        assertNotEquals(Boolean.TRUE, v.getSecret().getOptional(), id + ": a missing Secret stops the pod, loudly");
                    }
                    assertNotNull(v.getSecret().getItems(), id + " names the keys it mounts");
                    for (KeyToPath item : v.getSecret().getItems()) {
                        referencedSecrets.computeIfAbsent(v.getSecret().getSecretName(), k -> new TreeSet<>()).add(item.getKey());
                    }
                }
                if (v.getConfigMap() != null) {
                    assertNotEquals(Boolean.TRUE, v.getConfigMap().getOptional(), id);
                    assertNotNull(v.getConfigMap().getItems(), id + " names the keys it mounts");
                    ConfigMap cm = r.get(ConfigMap.class, v.getConfigMap().getName());
                    for (KeyToPath item : v.getConfigMap().getItems()) {
                        assertTrue(cm.getData().containsKey(item.getKey()),
                                overlay + ": ConfigMap " + name(cm) + " has no key " + item.getKey());
                        referencedConfigMaps.computeIfAbsent(name(cm), k -> new TreeSet<>()).add(item.getKey());
                    }
                }
                if (v.getProjected() != null) {
                    for (VolumeProjection source : v.getProjected().getSources()) {
                        assertNull(source.getConfigMap(), id + ": only Secrets are projected here");
                        assertNotNull(source.getSecret(), id + ": only Secrets are projected here");
                        assertNotEquals(Boolean.TRUE, source.getSecret().getOptional(), id + ": a missing Secret stops the pod");
                        assertNotNull(source.getSecret().getItems(), id + " names the keys it mounts");
                        for (KeyToPath item : source.getSecret().getItems()) {
                            referencedSecrets.computeIfAbsent(source.getSecret().getName(), k -> new TreeSet<>())
                                    .add(item.getKey());
                        }
                    }
                }
            }
        }
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            assertEquals(new TreeSet<>(cm.getData().keySet()), referencedConfigMaps.get(name(cm)),
                    overlay + ": ConfigMap " + name(cm) + " keys nobody reads");
        }
        // A referenced Secret is rendered (dev's generated datastore credentials) or created out of band by the
        // commands of the README or of the prod overlay's kustomization.yaml (everything in prod; the token key and the
        // service tokens in dev too).
        referencedSecrets.forEach((secret, keys) -> {
            Optional<Secret> rendered = r.find(Secret.class, secret);
            for (String key : keys) {
                if (rendered.isPresent()) {
                    assertTrue(rendered.get().getData().containsKey(key), overlay + ": Secret " + secret + " has no key " + key);
                } else {
                    assertTrue(outOfBand.getOrDefault(secret, Set.of()).contains(key), overlay + ": Secret " + secret
                            + " key " + key + " is neither generated nor among those the README or the prod kustomization "
                            + "say to create " + outOfBand);
                }
            }
        });
        for (Secret s : r.all(Secret.class)) {
            assertEquals(new TreeSet<>(s.getData().keySet()), referencedSecrets.get(name(s)),
                    overlay + ": Secret " + name(s) + " keys nobody reads");
        }
        if (overlay.equals("prod")) {
            assertEquals(List.of(), r.all(Secret.class), overlay + ": no Secret is committed");
            assertEquals(outOfBand, referencedSecrets,
                    overlay + ": the Secrets the README and the prod kustomization say to create are those used");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void tokensAreVerifiedWithAMountedKeyAndEachCallerPresentsItsOwnMountedToken(String overlay) {
        Rendered r = rendered(overlay);
        Set<String> tokenSecrets = new HashSet<>();
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            Container c = container(r, s);
            String id = overlay + ": " + s;
            String key = env(r, c, cfg.jwtPublicKeyEnv()).orElseThrow(() -> new AssertionError(id + " sets no public key"));
            if (key.startsWith("https://")) {
                assertTrue(key.endsWith("/certs") || key.contains("jwks"), id + ": an identity provider's JWKS URL: " + key);
            } else {
                assertEquals(new SecretFile(JWT_SECRET, JWT_KEY), mountedSecretFile(r, s, key),
                        id + "'s " + cfg.jwtPublicKeyEnv() + " is the mounted " + JWT_SECRET);
            }
            assertFalse(env(r, c, cfg.jwtIssuerEnv()).orElse("").isBlank(), id + " names the issuer its tokens must carry");
            if (cfg.callsProfileService()) {
                String file = env(r, c, cfg.serviceTokenFileEnv())
                        .orElseThrow(() -> new AssertionError(id + " sets no " + cfg.serviceTokenFileEnv()));
                SecretFile token = mountedSecretFile(r, s, file);
                assertNotEquals(JWT_SECRET, token.secret(), id + ": the token is not the key");
                assertTrue(token.secret().contains(s.replace("-service", "")), id + "'s token Secret is its own: " + token);
                assertTrue(tokenSecrets.add(token.secret()), id + " shares its token Secret " + token.secret());
            }
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

        assertEquals("redis", secretValue(r, "persona-redis", "scheme"), "plain Redis inside the namespace, dev only");
        URI redisUrl = URI.create("redis://" + secretValue(r, "persona-redis", "address"));
        assertEquals("", redisUrl.getPath(), "persona-redis's address is host:port");
        Deployment redis = backing(r, redisUrl.getHost(), redisUrl.getPort());
        Container rc = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertFalse(rc.getArgs().contains("--requirepass"), "no password shared by all: each service logs in as its own user");
        for (String s : SERVICES) {
            if (config(s).usesRedis()) {
                URI url = URI.create(env(r, container(r, s), config(s).envOf("quarkus.redis.hosts")).orElseThrow());
                assertEquals(redisUrl.getHost() + ":" + redisUrl.getPort(), url.getHost() + ":" + url.getPort(),
                        s + " reaches the in-cluster Redis");
            }
        }
    }

    /**
     * Every service logs in to PostgreSQL and Redis as itself: user and password from its own Secret
     * persona-<name>-datastore, the Redis URL put together from them by the kubelet; similarity-service, which has no
     * database, has no database credentials. In dev, whose Secrets are rendered, the users are the service's role and
     * Redis user of deploy/datastores, never the administrator.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceLogsInWithItsOwnAccountsFromItsOwnSecret(String overlay) {
        Rendered r = rendered(overlay);
        ServiceConfig withDatabase = SERVICES.stream().map(KubernetesManifestsTest::config).filter(ServiceConfig::usesDatabase)
                .findFirst().orElseThrow();
        Set<String> databaseEnv = Set.of(withDatabase.envOf("quarkus.datasource.jdbc.url"),
                withDatabase.envOf("quarkus.datasource.username"), withDatabase.envOf("quarkus.datasource.password"));
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            Container c = container(r, s);
            String id = overlay + ": " + s;
            String own = DatastoreFiles.secret(s);
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                        && e.getValueFrom().getSecretKeyRef().getName().endsWith("-datastore")) {
                    assertEquals(own, e.getValueFrom().getSecretKeyRef().getName(), id + "'s " + e.getName()
                            + " comes from another service's accounts");
                }
            }
            if (cfg.usesDatabase()) {
                assertEquals(new SecretKey(own, "db-user"), secretKeyOf(c, cfg.envOf("quarkus.datasource.username")),
                        id + "'s PostgreSQL user is its own");
                assertEquals(new SecretKey(own, "db-password"), secretKeyOf(c, cfg.envOf("quarkus.datasource.password")),
                        id + "'s PostgreSQL password is its own");
                assertEquals(new SecretKey("persona-postgres", "jdbc-url"), secretKeyOf(c, cfg.envOf("quarkus.datasource.jdbc.url")),
                        id + ": where PostgreSQL is");
            } else {
                for (String name : databaseEnv) {
                    assertTrue(c.getEnv().stream().noneMatch(e -> e.getName().equals(name)), id + " has no database, so no " + name);
                }
                assertTrue(c.getEnv().stream().noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                        && (e.getValueFrom().getSecretKeyRef().getName().equals("persona-postgres")
                        || e.getValueFrom().getSecretKeyRef().getKey().startsWith("db-"))), id + " reads no database credential");
            }
            if (cfg.usesRedis()) {
                String urlEnv = cfg.envOf("quarkus.redis.hosts");
                EnvVar url = c.getEnv().stream().filter(e -> e.getName().equals(urlEnv)).findFirst().orElseThrow();
                assertNull(url.getValueFrom(), id + ": " + urlEnv + " is put together from the server's and its own Secret");
                Matcher m = REDIS_URL_PARTS.matcher(url.getValue());
                assertTrue(m.matches(), id + "'s " + urlEnv + " is $(scheme)://$(user):$(password)@$(address): " + url.getValue());
                assertEquals(new SecretKey("persona-redis", "scheme"), secretKeyOf(c, m.group(1)), id + ": redis or rediss");
                assertEquals(new SecretKey(own, "redis-user"), secretKeyOf(c, m.group(2)), id + "'s Redis user is its own");
                assertEquals(new SecretKey(own, "redis-password"), secretKeyOf(c, m.group(3)), id + "'s Redis password is its own");
                assertEquals(new SecretKey("persona-redis", "address"), secretKeyOf(c, m.group(4)), id + ": where Redis is");
            }
            if (overlay.equals("dev")) {
                Set<String> keys = new TreeSet<>();
                if (cfg.usesDatabase()) {
                    keys.addAll(Set.of("db-user", "db-password"));
                    String user = secretValue(r, own, "db-user");
                    assertEquals(DatastoreFiles.role(s), user, id + "'s PostgreSQL role");
                    assertTrue(DatastoreFiles.roleServices().contains(DatastoreFiles.shortName(s)),
                            id + ": " + DatastoreFiles.ROLES_SQL + " makes its role " + user);
                    assertNotEquals(secretValue(r, "persona-postgres", "username"), user, id + " is not the administrator");
                    assertNotEquals(secretValue(r, "persona-postgres", "password"), secretValue(r, own, "db-password"),
                            id + ": not the administrator's password");
                    assertFalse(secretValue(r, own, "db-password").isEmpty(), id + ": a password (the prod profile refuses none)");
                }
                if (cfg.usesRedis()) {
                    keys.addAll(Set.of("redis-user", "redis-password"));
                    String user = secretValue(r, own, "redis-user");
                    assertEquals(DatastoreFiles.redisUser(s), user, id + "'s Redis user");
                    assertNotEquals(DatastoreFiles.REDIS_DEFAULT_USER, user, id + " is not Redis's default user");
                    assertTrue(DatastoreFiles.redisUsers().contains(user), id + ": " + DatastoreFiles.REDIS_ACL + " defines " + user);
                    assertTrue(secretValue(r, own, "redis-password").matches("[\\w.~-]+"),
                            id + ": a password that needs no escaping in the URL");
                }
                assertEquals(keys, r.get(Secret.class, own).getData().keySet(),
                        id + ": its Secret holds its own accounts, nothing more");
            }
        }
    }

    /** deploy/datastores makes an account for each service that uses a datastore, and for nobody else. */
    @Test
    void theDatastoreFilesMakeAnAccountForEachServiceThatUsesTheDatastore() {
        assertEquals(SERVICES.stream().filter(s -> config(s).usesDatabase()).map(DatastoreFiles::shortName)
                .collect(Collectors.toCollection(TreeSet::new)), DatastoreFiles.roleServices(), DatastoreFiles.ROLES_SQL);
        assertEquals(SERVICES.stream().filter(s -> config(s).usesRedis()).map(DatastoreFiles::redisUser)
                .collect(Collectors.toCollection(TreeSet::new)), DatastoreFiles.redisUsers(), DatastoreFiles.REDIS_ACL);
        assertTrue(DatastoreFiles.read(DatastoreFiles.ROLES_SQL).contains("current_setting('persona.' || svc || '_password', true)"),
                DatastoreFiles.ROLES_SQL + " reads each password from the session setting persona.<service>_password");
    }

    /**
     * dev: the in-cluster datastores create the services' accounts as they start, before they accept a connection,
     * from deploy/datastores' own files (the ConfigMap its kustomization generates) and the services' Secrets.
     * PostgreSQL runs postgres-roles.sql from /docker-entrypoint-initdb.d on every new data directory (an emptyDir: every
     * new pod), its passwords in PGOPTIONS; Redis loads the ACL file an init container writes.
     */
    @Test
    void theDevDatastoresCreateTheAccountsBeforeTheyAcceptAConnection(@TempDir Path root)
            throws IOException, InterruptedException {
        Rendered r = rendered("dev");
        ConfigMap files = r.get(ConfigMap.class, DatastoreFiles.CONFIG_MAP);
        for (String file : List.of(DatastoreFiles.ROLES_SQL, DatastoreFiles.REDIS_ACL)) {
            assertEquals(DatastoreFiles.read(file), files.getData().get(file), "dev: " + file + " is deploy/datastores' own");
        }

        PodSpec pg = r.get(Deployment.class, "postgres").getSpec().getTemplate().getSpec();
        Container postgres = pg.getContainers().get(0);
        assertNotNull(volume(pg, mount(postgres, "/var/lib/postgresql/data").getName()).getEmptyDir(),
                "dev: PostgreSQL's data is an emptyDir, so every new pod initialises it, and runs the script");
        VolumeMount initdb = mount(postgres, "/docker-entrypoint-initdb.d");
        assertEquals(Boolean.TRUE, initdb.getReadOnly());
        Volume scripts = volume(pg, initdb.getName());
        assertNotNull(scripts.getConfigMap(), "dev: the initdb scripts are a ConfigMap");
        assertEquals(DatastoreFiles.CONFIG_MAP, scripts.getConfigMap().getName());
        assertEquals(List.of(DatastoreFiles.ROLES_SQL + "=" + DatastoreFiles.ROLES_SQL), scripts.getConfigMap().getItems().stream()
                .map(i -> i.getKey() + "=" + i.getPath()).toList(), "dev: PostgreSQL runs postgres-roles.sql, and only that");
        // psql (libpq) reads PGOPTIONS from its environment: the passwords as session settings, on no command line.
        int at = indexOf(postgres, "PGOPTIONS");
        EnvVar options = postgres.getEnv().get(at);
        assertNull(options.getValueFrom(), "dev: PGOPTIONS is put together from the services' Secrets");
        Map<String, String> settings = new TreeMap<>();
        String[] words = options.getValue().trim().split("\\s+");
        for (int i = 0; i < words.length; i += 2) {
            assertEquals("-c", words[i], "dev: PGOPTIONS is -c name=value ...: " + options.getValue());
            settings.put(words[i + 1].substring(0, words[i + 1].indexOf('=')), words[i + 1].substring(words[i + 1].indexOf('=') + 1));
        }
        Set<String> databaseServices = SERVICES.stream().filter(s -> config(s).usesDatabase()).collect(Collectors.toSet());
        assertEquals(databaseServices.stream().map(DatastoreFiles::passwordSetting).collect(Collectors.toCollection(TreeSet::new)),
                settings.keySet(), "dev: a password for each role postgres-roles.sql makes");
        for (String s : databaseServices) {
            Matcher m = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)").matcher(settings.get(DatastoreFiles.passwordSetting(s)));
            assertTrue(m.matches(), "dev: " + s + "'s password is a variable: " + settings.get(DatastoreFiles.passwordSetting(s)));
            assertTrue(indexOf(postgres, m.group(1)) < at, "dev: " + m.group(1) + " is defined before PGOPTIONS");
            assertEquals(new SecretKey(DatastoreFiles.secret(s), "db-password"), secretKeyOf(postgres, m.group(1)),
                    "dev: PostgreSQL gives " + DatastoreFiles.role(s) + " the password " + s + " logs in with");
        }

        PodSpec rd = r.get(Deployment.class, "redis").getSpec().getTemplate().getSpec();
        Container redis = rd.getContainers().get(0);
        List<String> args = redis.getArgs();
        assertFalse(args.contains("--requirepass"), "dev: no password shared by every client");
        assertTrue(args.contains("--aclfile"), "dev: Redis loads its users from an ACL file: " + args);
        String aclFile = args.get(args.indexOf("--aclfile") + 1);
        String aclDir = aclFile.substring(0, aclFile.lastIndexOf('/'));
        VolumeMount aclMount = mount(redis, aclDir);
        assertEquals(Boolean.TRUE, aclMount.getReadOnly(), "dev: Redis only reads its ACL file");
        assertEquals("Memory", volume(rd, aclMount.getName()).getEmptyDir().getMedium(), "dev: the ACL file stays off the disk");
        assertEquals(1, rd.getInitContainers().size(), "dev: one init container writes the ACL file");
        Container init = rd.getInitContainers().get(0);
        assertEquals(aclMount.getName(), mount(init, aclDir).getName(), "dev: the init container writes where Redis reads");
        assertNotEquals(Boolean.TRUE, mount(init, aclDir).getReadOnly());
        assertEquals(redis.getImage(), init.getImage(), "dev: the init container is Redis's image (no other to pull)");
        String script = init.getCommand().get(init.getCommand().size() - 1);
        assertFalse(script.contains("$("), "dev: the kubelet would expand $( in a command; the script reads files instead");
        // Its inputs: redis-users.acl from the ConfigMap, and each user's password as a file named after the user.
        VolumeMount aclSource = init.getVolumeMounts().stream()
                .filter(m -> volume(rd, m.getName()).getConfigMap() != null).findFirst().orElseThrow();
        assertEquals(DatastoreFiles.CONFIG_MAP, volume(rd, aclSource.getName()).getConfigMap().getName());
        VolumeMount passwordMount = init.getVolumeMounts().stream()
                .filter(m -> volume(rd, m.getName()).getProjected() != null).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, passwordMount.getReadOnly());
        assertTrue(redis.getVolumeMounts().stream().noneMatch(m -> m.getName().equals(passwordMount.getName())),
                "dev: Redis itself never sees the password files");
        Map<String, String> passwords = new TreeMap<>();
        for (VolumeProjection source : volume(rd, passwordMount.getName()).getProjected().getSources()) {
            for (KeyToPath item : source.getSecret().getItems()) {
                assertEquals("redis-password", item.getKey(), "dev: the projected files are the services' Redis passwords");
                assertEquals(secretValue(r, source.getSecret().getName(), "redis-user"), item.getPath(),
                        "dev: each password file is named after the user of the same Secret");
                passwords.put(item.getPath(), secretValue(r, source.getSecret().getName(), "redis-password"));
            }
        }
        assertEquals(DatastoreFiles.redisUsers(), passwords.keySet(), "dev: a password for every user of redis-users.acl");

        // Run the script as the init container would, on its files: the ACL file has every user, with its password and
        // rules, and the default user off.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to run the init container's script with");
        Path acl = Files.createDirectories(root.resolve("acl"));
        Path datastores = Files.createDirectories(root.resolve("datastores"));
        Path secrets = Files.createDirectories(root.resolve("passwords"));
        Files.writeString(datastores.resolve(DatastoreFiles.REDIS_ACL), files.getData().get(DatastoreFiles.REDIS_ACL));
        for (Map.Entry<String, String> e : passwords.entrySet()) {
            Files.writeString(secrets.resolve(e.getKey()), e.getValue());
        }
        String local = script.replace(aclDir, acl.toString()).replace(aclSource.getMountPath(), datastores.toString())
                .replace(passwordMount.getMountPath(), secrets.toString());
        List<String> command = new ArrayList<>(init.getCommand().subList(0, init.getCommand().size() - 1));
        command.add(local);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "dev: the init container's script: " + out);
        List<String> lines = Files.readAllLines(acl.resolve(aclFile.substring(aclFile.lastIndexOf('/') + 1)));
        List<String> expected = new ArrayList<>(List.of("user default off"));
        for (String user : DatastoreFiles.redisUsers()) {
            expected.add("user " + user + " on >" + passwords.get(user) + " " + DatastoreFiles.redisRules(user));
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(lines), "dev: the ACL file Redis loads");
        // A user without a password stops the pod rather than starting Redis without that user.
        Files.delete(secrets.resolve(passwords.keySet().iterator().next()));
        Process missing = new ProcessBuilder(command).redirectErrorStream(true).start();
        missing.getInputStream().readAllBytes();
        assertTrue(missing.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, missing.exitValue(), "dev: the init container fails without a user's password");
    }

    /**
     * prod: the services' accounts are made by whoever administers the managed datastores, with deploy/datastores'
     * files; the prod kustomization says how, and how to create each service's Secret (checked above against what
     * the Deployments read).
     */
    @Test
    void theProdKustomizationSaysHowToMakeTheAccounts() throws IOException {
        String commands = prodKustomizationCommands();
        String datastores = Paths.repository().relativize(DatastoreFiles.dir()).toString().replace('\\', '/');
        for (String file : List.of(DatastoreFiles.ROLES_SQL, DatastoreFiles.REDIS_SCRIPT)) {
            assertTrue(commands.contains(datastores + "/" + file), "prod kustomization: runs " + datastores + "/" + file);
        }
        assertTrue(commands.contains("psql -v ON_ERROR_STOP=1 -f " + datastores + "/" + DatastoreFiles.ROLES_SQL),
                "prod kustomization: psql stops at the first error");
        Matcher options = Pattern.compile("PGOPTIONS=\"([^\"]*)\"").matcher(commands);
        assertTrue(options.find(), "prod kustomization: the passwords go in PGOPTIONS");
        for (String s : SERVICES) {
            if (config(s).usesDatabase()) {
                assertTrue(options.group(1).contains("-c " + DatastoreFiles.passwordSetting(s) + "=$(cat $d/"
                        + DatastoreFiles.passwordFile(s) + ")"), "prod kustomization: " + DatastoreFiles.role(s)
                        + "'s password is the file persona security init writes: " + options.group(1));
            }
        }
        assertTrue(commands.contains(datastores + "/" + DatastoreFiles.REDIS_SCRIPT + " $d "),
                "prod kustomization: redis-users.sh takes the same passwords");
        assertTrue(commands.contains("after every restart of Redis"), "prod kustomization: Redis forgets users without an ACL file");
        Map<String, Set<String>> documented = createdSecrets(commands);
        for (String s : SERVICES) {
            Set<String> keys = new TreeSet<>();
            if (config(s).usesDatabase()) {
                keys.addAll(Set.of("db-user", "db-password"));
                assertEquals(DatastoreFiles.role(s), literal(commands, DatastoreFiles.secret(s), "db-user"), s);
            }
            if (config(s).usesRedis()) {
                keys.addAll(Set.of("redis-user", "redis-password"));
                assertEquals(DatastoreFiles.redisUser(s), literal(commands, DatastoreFiles.secret(s), "redis-user"), s);
            }
            assertEquals(keys, documented.get(DatastoreFiles.secret(s)), "prod kustomization creates " + DatastoreFiles.secret(s));
        }
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
            for (Container c : allContainers(d)) {
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
                if (SERVICES.contains(name(d)) && pod.getContainers().contains(c)) {
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
        Map<String, String> clientNamespace = Map.of("kubernetes.io/metadata.name", "shop", CLIENTS_NAMESPACE_LABEL, "true");
        Map<String, String> clientPod = Map.of(CLIENT_LABEL, "true");
        callers.add(CLIENT);
        // Both halves of the client's peer must match: the pod label alone, or the namespace label alone, lets nothing in.
        callers.add(new Caller("client-labelled pod of an unlabelled namespace", clientPod, otherNamespace));
        callers.add(new Caller("client-labelled pod of the suite's (unlabelled) namespace", clientPod, OWN_NAMESPACE));
        callers.add(new Caller("unlabelled pod of a client namespace", Map.of("app.kubernetes.io/name", "other"), clientNamespace));
        callers.add(new Caller("unlabelled pod", Map.of("app.kubernetes.io/name", "other"), OWN_NAMESPACE));
        callers.add(new Caller("pod of another namespace", Map.of("app.kubernetes.io/name", "other"), otherNamespace));
        // A pod elsewhere that calls itself one of the services is not one of them.
        callers.add(new Caller("recommend-service-labelled pod of a client namespace",
                Map.of("app.kubernetes.io/name", "recommend-service", CLIENT_LABEL, "false"), clientNamespace));
        callers.add(SCRAPER);
        // Both halves of the scraper's peer must match too.
        callers.add(new Caller("prometheus-labelled pod of the suite's namespace", SCRAPER_LABELS, OWN_NAMESPACE));
        callers.add(new Caller("prometheus-labelled pod of another namespace", SCRAPER_LABELS, otherNamespace));
        callers.add(new Caller("other pod of the monitoring namespace", Map.of("app.kubernetes.io/name", "grafana"),
                SCRAPER_NAMESPACE));

        for (Deployment target : r.all(Deployment.class)) {
            String t = name(target);
            Container c = target.getSpec().getTemplate().getSpec().getContainers().get(0);
            // Who may reach each port of the target, by port name.
            Map<String, Set<String>> expected = new TreeMap<>();
            if (SERVICES.contains(t)) {
                Set<String> api = new TreeSet<>(Set.of(CLIENT.name()));
                if (t.equals("profile-service")) {
                    SERVICES.stream().filter(s -> config(s).callsProfileService()).forEach(api::add);
                }
                expected.put(API_PORT, api);
                expected.put(MANAGEMENT_PORT, Set.of(SCRAPER.name()));
            } else if (t.equals("postgres")) {
                expected.put(c.getPorts().get(0).getName(), SERVICES.stream().filter(s -> config(s).usesDatabase())
                        .collect(Collectors.toCollection(TreeSet::new)));
            } else if (t.equals("redis")) {
                expected.put(c.getPorts().get(0).getName(), SERVICES.stream().filter(s -> config(s).usesRedis())
                        .collect(Collectors.toCollection(TreeSet::new)));
            } else {
                fail(overlay + ": no expectation for who may call " + t);
            }
            assertEquals(expected.keySet(), c.getPorts().stream().map(ContainerPort::getName)
                    .collect(Collectors.toCollection(TreeSet::new)), overlay + ": ports of " + t);
            List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                            && Rendered.selects(p.getSpec().getPodSelector(), podLabels(target)))
                    .toList();
            assertFalse(policies.isEmpty(), overlay + ": " + t + " is open to every pod");
            expected.forEach((portName, who) -> {
                int port = port(c, portName).getContainerPort();
                Set<String> allowed = callers.stream()
                        .filter(caller -> policies.stream().anyMatch(p -> admits(p, caller, c, port)))
                        .map(Caller::name)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(who, allowed, overlay + ": who may call " + t + " on its port " + portName);
            });
            for (NetworkPolicy p : policies) {
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress() == null
                        ? List.<NetworkPolicyIngressRule>of() : p.getSpec().getIngress()) {
                    assertNotNull(rule.getPorts(), overlay + ": " + name(p) + " opens every port");
                    for (NetworkPolicyPort np : rule.getPorts()) {
                        int port = resolve(c, np.getPort());
                        assertTrue(c.getPorts().stream().anyMatch(cp -> cp.getContainerPort() == port),
                                overlay + ": " + name(p) + " opens a port " + t + " does not serve");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theMonitoringPolicyOpensOnlyManagementPortsAndTheServicePoliciesOnlyApiPorts(String overlay) {
        Rendered r = rendered(overlay);
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            List<Deployment> selected = r.all(Deployment.class).stream()
                    .filter(d -> SERVICES.contains(name(d)) && Rendered.selects(p.getSpec().getPodSelector(), podLabels(d)))
                    .toList();
            if (p.getSpec().getIngress() == null || selected.isEmpty()) {
                continue;
            }
            String wanted = name(p).equals(SCRAPER_POLICY) ? MANAGEMENT_PORT : API_PORT;
            for (Deployment d : selected) {
                Container c = container(r, name(d));
                int port = port(c, wanted).getContainerPort();
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    assertNotNull(rule.getPorts(), overlay + ": " + name(p) + " opens every port");
                    for (NetworkPolicyPort np : rule.getPorts()) {
                        assertEquals(port, resolve(c, np.getPort()), overlay + ": " + name(p) + " opens " + np.getPort()
                                + " of " + name(d) + ", which is not its " + wanted + " port");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void apiPeersOfOtherNamespacesNameBothTheNamespacesAndThePods(String overlay) {
        Rendered r = rendered(overlay);
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            boolean api = r.all(Deployment.class).stream()
                    .anyMatch(d -> SERVICES.contains(name(d)) && Rendered.selects(p.getSpec().getPodSelector(), podLabels(d)));
            if (!api || p.getSpec().getIngress() == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                assertNotNull(rule.getFrom(), overlay + ": " + name(p) + " lets in every pod of every namespace");
                assertFalse(rule.getFrom().isEmpty(), overlay + ": " + name(p) + " lets in every pod of every namespace");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    String id = overlay + ": " + name(p) + " peer " + peer;
                    assertNull(peer.getIpBlock(), id + ": callers by label, not by address");
                    // A peer without a namespaceSelector selects pods of the policy's own namespace only: the suite's
                    // services by name. Any other peer names the namespaces and the pods, in one element, both narrowed.
                    assertTrue(nonEmpty(peer.getPodSelector()), id + " selects pods by label");
                    if (peer.getNamespaceSelector() != null) {
                        assertTrue(nonEmpty(peer.getNamespaceSelector()), id + " selects every namespace");
                    } else {
                        assertTrue(SERVICES.contains(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")),
                                id + ": a peer of the suite's own namespace is one of its services");
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
            int port = port(c, MANAGEMENT_PORT).getContainerPort();
            assertEquals(String.valueOf(port), annotated, id + ": metrics are on the management port");
            assertEquals(cfg.defaultManagementPort(), port, id + ": metrics on the port its configuration serves them");
            List<NetworkPolicy> letIn = r.all(NetworkPolicy.class).stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                            && Rendered.selects(p.getSpec().getPodSelector(), podLabels(d))
                            && admits(p, SCRAPER, c, Integer.parseInt(annotated)))
                    .toList();
            assertEquals(List.of(SCRAPER_POLICY), letIn.stream().map(this::name).toList(),
                    id + ": the scraper is let in on the annotated port, by its own policy");
        }
    }

    @Test
    void theBaseHoldsNoKeyMaterialAndNoFileUnderK8sOrComposeHoldsAKeyOrAToken() throws IOException {
        List<ObjectNode> base = Kustomize.render(Paths.module().resolve("k8s/base"));
        for (ObjectNode o : base) {
            assertNotEquals("Secret", o.path("kind").asText(), "the base holds no Secret: " + o.at("/metadata/name"));
            assertFalse(o.has("data") && o.path("kind").asText().equals("ConfigMap")
                    && KEY_MATERIAL.matcher(o.get("data").toString()).find(), "key material in " + o.at("/metadata/name"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Paths.module().resolve("k8s"))) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        files.add(Paths.module().resolve("compose.yaml"));
        for (Path file : files) {
            Matcher m = KEY_MATERIAL.matcher(Files.readString(file));
            if (m.find()) {
                fail(file + " holds key material or a token: " + m.group());
            }
        }
        assertTrue(KEY_MATERIAL.matcher("-----BEGIN PUBLIC KEY-----").find());
        assertTrue(KEY_MATERIAL.matcher("token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").find());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceMountsItsOwnTlsSecretReadOnlyAtEtcPersonaTlsWithoutSubPath(String overlay) {
        Rendered r = rendered(overlay);
        Map<String, String> mountedBy = new TreeMap<>();
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Volume v : pod.getVolumes()) {
                if (v.getSecret() != null && v.getSecret().getSecretName().matches("persona-.*-tls")) {
                    assertNull(mountedBy.put(v.getSecret().getSecretName(), name(d)), overlay + ": "
                            + v.getSecret().getSecretName() + " is mounted by " + name(d) + " and another pod");
                }
            }
        }
        assertEquals(SERVICES.stream().collect(Collectors.toMap(KubernetesManifestsTest::tlsSecret, s -> s, (a, b) -> a,
                TreeMap::new)), mountedBy, overlay + ": each service, and nothing else, mounts its own TLS Secret");
        for (String s : SERVICES) {
            String id = overlay + ": " + s;
            PodSpec pod = r.get(Deployment.class, s).getSpec().getTemplate().getSpec();
            Volume v = pod.getVolumes().stream()
                    .filter(x -> x.getSecret() != null && tlsSecret(s).equals(x.getSecret().getSecretName()))
                    .findFirst().orElseThrow();
            assertNotEquals(Boolean.TRUE, v.getSecret().getOptional(), id + ": without its certificate the pod does not start");
            assertEquals(TLS_KEYS, v.getSecret().getItems().stream().map(KeyToPath::getKey).toList(),
                    id + " mounts tls.crt, tls.key and ca.crt of " + tlsSecret(s));
            for (KeyToPath item : v.getSecret().getItems()) {
                assertEquals(item.getKey(), item.getPath(), id + ": each key under its own name");
            }
            List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals(v.getName()) || m.getMountPath().replaceAll("/+$", "").equals(TLS_DIR))
                    .toList();
            assertEquals(1, mounts.size(), id + " mounts its TLS Secret once, and nothing else at " + TLS_DIR);
            VolumeMount m = mounts.get(0);
            assertEquals(v.getName(), m.getName(), id + ": " + TLS_DIR + " is the TLS Secret");
            assertEquals(TLS_DIR, m.getMountPath(), id + ": the TLS Secret's mount path");
            assertEquals(Boolean.TRUE, m.getReadOnly(), id + ": the TLS Secret is mounted read-only");
            assertTrue(m.getSubPath() == null || m.getSubPath().isEmpty(), id + ": no subPath, so a renewal reaches the pod");
            assertTrue(r.find(Secret.class, tlsSecret(s)).isEmpty(), id + ": " + tlsSecret(s) + " is never rendered");
            // TLS on the API port: the Service does not call it cleartext HTTP/2 (what kubernetes.io/h2c means).
            ServicePort sp = r.get(Service.class, s).getSpec().getPorts().get(0);
            assertNotEquals("kubernetes.io/h2c", sp.getAppProtocol(), id + "'s Service: the API port speaks TLS");
        }
        assertEquals(List.of(), r.certificates, overlay + ": cert-manager objects only with the optional component");
        assertEquals(List.of(), r.issuers, overlay + ": cert-manager objects only with the optional component");
    }

    /**
     * The certificate, key and CA files each service's configuration reads (PERSONA_TLS_CERT, PERSONA_TLS_KEY; and
     * PERSONA_TLS_CA for those that call profile-service), as the container sets them or by their defaults, are the
     * keys of its own mounted TLS Secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTlsFilesTheConfigurationReadsAreThoseOfItsMountedSecret(String overlay) {
        Rendered r = rendered(overlay);
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            Container c = container(r, s);
            Map<String, String> files = new TreeMap<>(Map.of(TLS_CERT_ENV, "tls.crt", TLS_KEY_ENV, "tls.key"));
            if (cfg.callsProfileService()) {
                files.put(TLS_CA_ENV, "ca.crt");
            }
            files.forEach((variable, key) -> {
                String id = overlay + ": " + s + "'s " + variable;
                assertTrue(cfg.envNames().contains(variable), s + "'s configuration reads " + variable);
                String path = env(r, c, variable).orElseGet(() -> cfg.envDefault(variable));
                assertNotNull(path, id + " is neither set nor defaulted");
                assertEquals(new SecretFile(tlsSecret(s), key), mountedSecretFile(r, s, path), id + ": " + path);
            });
        }
    }

    @Test
    void theReadmeCreatesEachTlsSecretWithTheShapeCertManagerWrites() throws IOException {
        Map<String, Set<String>> documented = documentedSecrets();
        Map<String, String> types = documentedSecretTypes();
        for (String s : SERVICES) {
            assertEquals(new TreeSet<>(TLS_KEYS), documented.get(tlsSecret(s)),
                    "README: kubectl create secret generic " + tlsSecret(s) + " with the keys tls.crt, tls.key, ca.crt");
            assertEquals(TLS_SECRET_TYPE, types.get(tlsSecret(s)), "README creates " + tlsSecret(s) + " --type=" + TLS_SECRET_TYPE);
        }
    }

    /**
     * prod reaches PostgreSQL over TLS with the server's certificate and name verified, against the CA of the mounted
     * Secret persona-postgres-ca, and Redis over TLS: the JDBC and Redis URLs the README tells operators to create.
     */
    @Test
    void prodReachesPostgresWithItsCertificateVerifiedAndRedisOverTls() throws IOException {
        Rendered r = rendered("prod");
        String jdbc = documentedLiteral("persona-postgres", "jdbc-url");
        assertTrue(jdbc.startsWith("jdbc:postgresql://"), jdbc);
        Map<String, String> query = new TreeMap<>();
        // Split by hand: the README's URL has a placeholder host (<postgres-host>), which no URI parser takes.
        assertTrue(jdbc.contains("?"), "README's JDBC URL has TLS parameters: " + jdbc);
        String q = jdbc.substring(jdbc.indexOf('?') + 1);
        for (String pair : q.split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals("verify-full", query.get("sslmode"), "README's JDBC URL verifies the server's certificate and name");
        String rootCert = query.get("sslrootcert");
        assertNotNull(rootCert, "README's JDBC URL names the CA to verify PostgreSQL with");
        for (String s : SERVICES) {
            if (config(s).usesDatabase()) {
                assertEquals(new SecretFile("persona-postgres-ca", "ca.crt"), mountedSecretFile(r, s, rootCert),
                        "prod: " + s + " mounts the CA README's JDBC URL names");
            } else {
                assertTrue(r.get(Deployment.class, s).getSpec().getTemplate().getSpec().getVolumes().stream()
                        .noneMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("persona-postgres-ca")),
                        "prod: " + s + " uses no PostgreSQL, mounts no CA of it");
            }
        }
        assertEquals("rediss", documentedLiteral("persona-redis", "scheme"), "prod reaches Redis over TLS: rediss://");
        for (String s : SERVICES) {
            if (config(s).usesRedis()) {
                String url = container(r, s).getEnv().stream()
                        .filter(e -> e.getName().equals(config(s).envOf("quarkus.redis.hosts"))).findFirst().orElseThrow().getValue();
                assertTrue(url.startsWith("$(REDIS_SCHEME)://"), "prod: " + s + "'s Redis URL takes persona-redis's scheme");
                assertEquals(new SecretKey("persona-redis", "scheme"), secretKeyOf(container(r, s), "REDIS_SCHEME"), s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void authenticationIsNeverOffAndProdServesNoReflection(String overlay) {
        Rendered r = rendered(overlay);
        for (String s : SERVICES) {
            ServiceConfig cfg = config(s);
            Container c = container(r, s);
            String id = overlay + ": " + s;
            // The images run the prod profile, which refuses PERSONA_AUTH_ENABLED=false: it would not even start.
            assertEquals("true", cfg.defaultOf("persona.security.enabled"), s + ": authentication is on by default");
            assertTrue(env(r, c, cfg.authEnabledEnv()).map(v -> v.trim().equalsIgnoreCase("true")).orElse(true),
                    id + " switches authentication off");
            assertEquals("false", cfg.defaultOf("quarkus.grpc.server.enable-reflection-service"), s + ": reflection off by default");
            if (overlay.equals("prod")) {
                assertTrue(c.getEnv().stream().noneMatch(e -> e.getName().equals(cfg.reflectionEnv())),
                        id + " sets " + cfg.reflectionEnv() + ": prod leaves server reflection off");
            }
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

    /** A probe is an HTTP GET of one of the health paths the configuration gives, on the given port; nothing else. */
    private static void checkProbe(String id, Container c, Probe probe, ContainerPort serving, Set<String> paths) {
        assertNotNull(probe, id + " probe");
        assertNotNull(probe.getHttpGet(), id + " is an HTTP probe");
        assertTrue(paths.contains(probe.getHttpGet().getPath()), id + " path " + probe.getHttpGet().getPath()
                + " is not among " + paths);
        assertEquals(serving.getContainerPort(), resolve(c, probe.getHttpGet().getPort()), id + " HTTP probe port");
        assertNull(probe.getGrpc(), id);
        assertNull(probe.getExec(), id);
        assertNull(probe.getTcpSocket(), id);
    }

    /** The container port {@code port} is the one the configuration listens on, by its variable and by default. */
    private static void checkListens(String overlay, Rendered r, Container c, String s, ContainerPort port, String env,
                                     int documented) {
        assertNotNull(env, s + ": the port " + port.getName() + " reads no environment variable");
        String value = env(r, c, env).orElseThrow(() -> new AssertionError(overlay + ": " + s + " does not set " + env));
        assertEquals(String.valueOf(port.getContainerPort()), value,
                overlay + ": " + s + "'s container port " + port.getName() + " is the port its configuration listens on");
        assertEquals(documented, port.getContainerPort(),
                overlay + ": " + s + " listens on its documented " + port.getName() + " port in the cluster too");
    }

    /** The container's port of that name. */
    private static ContainerPort port(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + name));
    }

    /** A key of a Secret, as a file in a container. */
    private record SecretFile(String secret, String key) {
    }

    /**
     * The Secret key that the file {@code path} of the deployment's container is: a read-only mount of a Secret volume
     * (no subPath, so the kubelet replaces the file when the Secret changes) whose items put that key there.
     */
    private static SecretFile mountedSecretFile(Rendered r, String deployment, String path) {
        PodSpec pod = r.get(Deployment.class, deployment).getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        for (VolumeMount m : c.getVolumeMounts()) {
            String dir = m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/";
            if (!path.startsWith(dir)) {
                continue;
            }
            Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
            assertNotNull(v.getSecret(), deployment + ": " + path + " is on volume " + v.getName() + ", not a Secret");
            assertEquals(Boolean.TRUE, m.getReadOnly(), deployment + ": " + m.getMountPath() + " is mounted read-only");
            assertTrue(m.getSubPath() == null || m.getSubPath().isEmpty(),
                    deployment + ": a subPath mount never sees a rotated Secret");
            String relative = path.substring(dir.length());
            return v.getSecret().getItems().stream().filter(i -> i.getPath().equals(relative)).findFirst()
                    .map(i -> new SecretFile(v.getSecret().getSecretName(), i.getKey()))
                    .orElseThrow(() -> new AssertionError(deployment + ": Secret volume " + v.getName() + " puts nothing at " + path));
        }
        throw new AssertionError(deployment + ": nothing is mounted at " + path);
    }

    private static boolean nonEmpty(LabelSelector s) {
        return s != null && ((s.getMatchLabels() != null && !s.getMatchLabels().isEmpty())
                || (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty()));
    }

    /** A PEM block or a JWT (header and payload are base64url JSON objects, so both start with eyJ). */
    static final Pattern KEY_MATERIAL = Pattern.compile("-----BEGIN [A-Z ]+-----|eyJ[\\w-]{8,}\\.eyJ[\\w-]+\\.");

    /** A pod that may call, by its labels and the labels of its namespace. */
    private record Caller(String name, Map<String, String> labels, Map<String, String> namespaceLabels) {
    }

    /** Prometheus as the scraper policy expects it: its pod labels, in the monitoring namespace. */
    private static final Caller SCRAPER = new Caller("prometheus", SCRAPER_LABELS, SCRAPER_NAMESPACE);
    /** A client as the service policies expect it: a labelled pod in a labelled namespace. */
    private static final Caller CLIENT = new Caller("client", Map.of(CLIENT_LABEL, "true"),
            Map.of("kubernetes.io/metadata.name", "shop", CLIENTS_NAMESPACE_LABEL, "true"));

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

    /**
     * The value a container sees: a literal (with the $(NAME)s of variables defined before it filled in, as the kubelet
     * does), a ConfigMap key, a rendered Secret key; empty if unset or out of band.
     */
    static Optional<String> env(Rendered r, Container c, String name) {
        for (int i = 0; i < c.getEnv().size(); i++) {
            EnvVar e = c.getEnv().get(i);
            if (!e.getName().equals(name)) {
                continue;
            }
            if (e.getValueFrom() == null) {
                if (e.getValue() == null) {
                    return Optional.empty();
                }
                Set<String> before = c.getEnv().subList(0, i).stream().map(EnvVar::getName).collect(Collectors.toSet());
                Matcher m = KUBELET_REFERENCE.matcher(e.getValue());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String replacement;
                    if (m.group(1) == null) {
                        replacement = "$";
                    } else if (before.contains(m.group(1))) {
                        Optional<String> part = env(r, c, m.group(1));
                        if (part.isEmpty()) {
                            return Optional.empty();
                        }
                        replacement = part.get();
                    } else {
                        replacement = m.group();
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(replacement));
                }
                m.appendTail(out);
                return Optional.of(out.toString());
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

    /** $$ (an escaped $) or $(NAME), a reference the kubelet fills in. */
    private static final Pattern KUBELET_REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    /** A Redis URL put together from four variables: scheme, user, password, address. */
    private static final Pattern REDIS_URL_PARTS =
            Pattern.compile("\\$\\((\\w+)\\)://\\$\\((\\w+)\\):\\$\\((\\w+)\\)@\\$\\((\\w+)\\)");

    /** The variables a value refers to, $(NAME), in order. */
    static List<String> references(String value) {
        List<String> names = new ArrayList<>();
        Matcher m = KUBELET_REFERENCE.matcher(value == null ? "" : value);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Whether a variable comes from a Secret, or is put together from variables that each do. */
    private static boolean fromSecrets(Map<String, EnvVar> env, String name) {
        EnvVar e = env.get(name);
        if (e == null) {
            return false;
        }
        if (e.getValueFrom() != null) {
            return e.getValueFrom().getSecretKeyRef() != null;
        }
        List<String> refs = references(e.getValue());
        return !refs.isEmpty() && refs.stream().allMatch(ref -> fromSecrets(env, ref));
    }

    /** A key of a Secret. */
    record SecretKey(String secret, String key) {
    }

    /** The Secret key a container's variable comes from; fails if it comes from anything else. */
    private static SecretKey secretKeyOf(Container c, String name) {
        EnvVar e = c.getEnv().get(indexOf(c, name));
        assertNotNull(e.getValueFrom(), c.getName() + "'s " + name + " is not from a Secret: " + e.getValue());
        assertNotNull(e.getValueFrom().getSecretKeyRef(), c.getName() + "'s " + name + " is not from a Secret");
        return new SecretKey(e.getValueFrom().getSecretKeyRef().getName(), e.getValueFrom().getSecretKeyRef().getKey());
    }

    private static int indexOf(Container c, String name) {
        for (int i = 0; i < c.getEnv().size(); i++) {
            if (c.getEnv().get(i).getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(c.getName() + " does not set " + name);
    }

    /** The container's mount at exactly that path. */
    private static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " mounts nothing at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** A pod's init containers and containers. */
    private static List<Container> allContainers(Deployment d) {
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        List<Container> all = new ArrayList<>(pod.getInitContainers() == null ? List.of() : pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all;
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

    /** The TLS Secret a service mounts: its certificate, key and CA. */
    static String tlsSecret(String service) {
        return "persona-" + service + "-tls";
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

    private static final Pattern CREATE_SECRET = Pattern.compile(
            "create secret generic (\\S+)((?:\\s+--(?:type=\\S+|from-(?:literal|file)=[\\w.\\-]+=\\S*))+)");
    private static final Pattern LITERAL_KEY = Pattern.compile("--from-(?:literal|file)=([\\w.\\-]+)=");
    private static final Pattern TYPE = Pattern.compile("--type=(\\S+)");
    /** A shell loop of the README, {@code for s in a b c; do ...; done}, one line or several. */
    private static final Pattern FOR_LOOP =
            Pattern.compile("for (\\w+) in ([\\w .\\-]+); do\\s(.*?)\\bdone\\b", Pattern.DOTALL);

    /**
     * The Secrets the README tells operators to create, by name and key, read from its
     * {@code kubectl create secret generic <name> --from-literal=<key>=...} and {@code --from-file=<key>=<file>}
     * commands (lines continued with a backslash; a command in a {@code for} loop once per value).
     */
    static Map<String, Set<String>> documentedSecrets() throws IOException {
        // The prod kustomization's commands supersede the README's for the Secrets they create (the datastores').
        Map<String, Set<String>> secrets = new TreeMap<>(createdSecrets(readmeCommands()));
        secrets.putAll(createdSecrets(prodKustomizationCommands()));
        return secrets;
    }

    /** The Secrets the commands create, by name and key. */
    static Map<String, Set<String>> createdSecrets(String commands) {
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher m = CREATE_SECRET.matcher(commands);
        while (m.find()) {
            Matcher k = LITERAL_KEY.matcher(m.group(2));
            Set<String> keys = secrets.computeIfAbsent(m.group(1), x -> new TreeSet<>());
            while (k.find()) {
                keys.add(k.group(1));
            }
        }
        return new TreeMap<>(secrets);
    }

    /** The type each Secret the README creates is given ({@code --type}; Opaque without). */
    static Map<String, String> documentedSecretTypes() throws IOException {
        Map<String, String> types = new TreeMap<>();
        Matcher m = CREATE_SECRET.matcher(readmeCommands() + "\n" + prodKustomizationCommands());
        while (m.find()) {
            Matcher type = TYPE.matcher(m.group(2));
            String t = type.find() ? type.group(1) : "Opaque";
            String before = types.put(m.group(1), t);
            assertTrue(before == null || before.equals(t), "README creates " + m.group(1) + " as " + before + " and " + t);
        }
        return types;
    }

    /**
     * The value the prod kustomization, or else the README, gives a Secret's key with
     * {@code --from-literal=key=value} (quotes removed).
     */
    static String documentedLiteral(String secret, String key) throws IOException {
        String prod = prodKustomizationCommands();
        return createdSecrets(prod).containsKey(secret) ? literal(prod, secret, key) : literal(readmeCommands(), secret, key);
    }

    /** The value the commands give a Secret's key with {@code --from-literal=key=value} (quotes removed). */
    static String literal(String commands, String secret, String key) {
        Matcher m = CREATE_SECRET.matcher(commands);
        Pattern literal = Pattern.compile("--from-literal=" + Pattern.quote(key) + "=(\\S+)");
        while (m.find()) {
            if (!m.group(1).equals(secret)) {
                continue;
            }
            Matcher l = literal.matcher(m.group(2));
            if (l.find()) {
                return l.group(1).replaceAll("^(['\"])(.*)\\1$", "$2");
            }
        }
        throw new AssertionError("no command creates the Secret " + secret + " with --from-literal=" + key + "=...");
    }

    /**
     * The commands in the comments of the prod overlay's kustomization.yaml (each comment line without its '#' and
     * one space), continued lines joined and loops written out, as {@link #readmeCommands()}.
     */
    static String prodKustomizationCommands() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(Paths.overlay("prod").resolve("kustomization.yaml"))) {
            if (line.trim().startsWith("#")) {
                text.append(line.replaceFirst("^\\s*# ?", "")).append('\n');
            }
        }
        return expandLoops(text.toString().replace("\\\n", " "));
    }

    /** The README with continued lines joined and every {@code for} loop written out once per value. */
    static String readmeCommands() throws IOException {
        return expandLoops(Files.readString(Paths.repository().resolve("README.md")).replace("\\\n", " "));
    }

    static String expandLoops(String text) {
        Matcher m = FOR_LOOP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Pattern variable = Pattern.compile("\\$(?:\\{" + m.group(1) + "}|" + m.group(1) + "\\b)");
            StringBuilder body = new StringBuilder();
            for (String value : m.group(2).trim().split("\\s+")) {
                body.append(variable.matcher(m.group(3)).replaceAll(Matcher.quoteReplacement(value))).append('\n');
            }
            m.appendReplacement(out, Matcher.quoteReplacement(body.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
