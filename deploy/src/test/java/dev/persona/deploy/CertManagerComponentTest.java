package dev.persona.deploy;

import static dev.persona.deploy.KubernetesManifestsTest.SERVICES;
import static dev.persona.deploy.KubernetesManifestsTest.TLS_DIR;
import static dev.persona.deploy.KubernetesManifestsTest.config;
import static dev.persona.deploy.KubernetesManifestsTest.container;
import static dev.persona.deploy.KubernetesManifestsTest.env;
import static dev.persona.deploy.KubernetesManifestsTest.tlsSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional component {@code k8s/components/cert-manager}: rendered onto each overlay (as an overlay that lists it
 * under {@code components} renders it), it adds a CA Issuer and one Certificate per service, and nothing else; each
 * Certificate writes the TLS Secret its service mounts, names the service as its callers address it in the suite's
 * namespace, rotates its private key, and is signed by the Issuer, whose CA Secret the README says how to create.
 */
class CertManagerComponentTest {

    static final String COMPONENT = "cert-manager";
    /** The suite's namespace, as the README's commands and the Certificates' DNS names have it. */
    static final String NAMESPACE = KubernetesManifestsTest.OWN_NAMESPACE.get("kubernetes.io/metadata.name");
    /** The Issuer and the Secret holding the CA it signs with (tls.crt and tls.key, what a CA issuer reads). */
    static final String ISSUER = "persona-ca";
    static final String CA_SECRET = "persona-ca";

    static Rendered withComponent(String overlay) {
        return Rendered.overlayWith(overlay, COMPONENT);
    }

    @Test
    void theComponentIsAKustomizeComponentWhoseFilesParseAndNameEveryService() throws IOException {
        Path dir = Paths.component(COMPONENT);
        JsonNode k = Kustomize.readDocuments(dir.resolve("kustomization.yaml")).get(0);
        assertEquals("kustomize.config.k8s.io/v1alpha1", k.path("apiVersion").asText());
        assertEquals("Component", k.path("kind").asText(), "a Component, which an overlay lists under components");
        Set<String> named = new TreeSet<>();
        for (JsonNode r : k.path("resources")) {
            for (JsonNode doc : Kustomize.readDocuments(dir.resolve(r.asText()))) {
                Object o = CertManager.parse(doc);
                if (o instanceof CertManager.Certificate c) {
                    named.add(c.metadata().labels().get("app.kubernetes.io/name"));
                }
            }
        }
        assertEquals(new TreeSet<>(SERVICES), named, "one Certificate per service, labelled with its name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void itAddsAnIssuerAndOneCertificatePerServiceAndChangesNothingElse(String overlay) {
        Rendered plain = KubernetesManifestsTest.rendered(overlay);
        Rendered with = withComponent(overlay);
        assertEquals(byKindAndName(plain), byKindAndName(with), overlay + ": the component changes no other object");
        assertEquals(List.of(ISSUER), with.issuers.stream().map(CertManager.Issuer::name).toList(), overlay + ": one Issuer");
        Set<String> expected = SERVICES.stream().map(KubernetesManifestsTest::tlsSecret).collect(Collectors.toCollection(TreeSet::new));
        Set<String> certificates = with.certificates.stream().map(CertManager.Certificate::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, certificates, overlay + ": one Certificate per service, named as the Secret it writes");
        assertEquals(SERVICES.size(), with.certificates.size(), overlay + ": no Certificate twice");
        for (HasMetadata o : with.objects) {
            assertFalse(o instanceof Secret s && "kubernetes.io/tls".equals(s.getType()),
                    overlay + ": no TLS Secret is rendered, cert-manager writes them");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachCertificateWritesTheSecretItsServiceMountsForTheNamesItsCallersUse(String overlay) {
        Rendered r = withComponent(overlay);
        Map<String, CertManager.Certificate> bySecret = new TreeMap<>();
        for (CertManager.Certificate c : r.certificates) {
            assertEquals(CertManager.API_VERSION, c.apiVersion());
            assertNull(bySecret.put(c.spec().secretName(), c), overlay + ": two Certificates write " + c.spec().secretName());
        }
        for (String s : SERVICES) {
            String id = overlay + ": " + s + "'s Certificate";
            // The Secret mounted at /etc/persona/tls is the one the Certificate writes.
            Deployment d = r.get(Deployment.class, s);
            String mountedVolume = container(r, s).getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals(TLS_DIR)).findFirst().orElseThrow().getName();
            Volume v = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(x -> x.getName().equals(mountedVolume)).findFirst().orElseThrow();
            CertManager.Certificate c = bySecret.get(v.getSecret().getSecretName());
            assertNotNull(c, id + ": none writes " + v.getSecret().getSecretName() + ", which " + s + " mounts at " + TLS_DIR);
            assertEquals(tlsSecret(s), c.spec().secretName(), id);
            assertEquals(s, c.metadata().labels().get("app.kubernetes.io/name"), id + " is labelled with its service");
            assertEquals(Map.of("app.kubernetes.io/name", s, "app.kubernetes.io/part-of", "persona"),
                    c.spec().secretTemplate().labels(), id + ": the Secret carries the service's labels");

            // The four forms of the Service's DNS name in the suite's namespace, and nothing else.
            assertEquals(List.of(s, s + "." + NAMESPACE, s + "." + NAMESPACE + ".svc", s + "." + NAMESPACE + ".svc.cluster.local"),
                    c.spec().dnsNames(), id + "'s dnsNames");
            r.get(Service.class, s);

            // A new private key on every renewal, in the PEM encoding Java reads; renewed well before it expires.
            CertManager.PrivateKey key = c.spec().privateKey();
            assertNotNull(key, id + " says how its key is made");
            assertEquals("Always", key.rotationPolicy(), id + ": a new private key on every renewal");
            assertEquals("PKCS8", key.encoding(), id + ": a PKCS#8 key (BEGIN PRIVATE KEY)");
            assertTrue(key.algorithm().equals("ECDSA") || (key.algorithm().equals("RSA") && key.size() >= 2048), id + ": key");
            long duration = CertManager.hours(c.spec().duration());
            long renewBefore = CertManager.hours(c.spec().renewBefore());
            assertTrue(renewBefore >= 24 * 7 && renewBefore <= duration / 2,
                    id + ": renewed at least a week, and at most half its life, before it expires");
            assertTrue(c.spec().usages().contains("server auth"), id + ": a server certificate");

            // Signed by the component's CA Issuer, which also gives the Secret its ca.crt.
            CertManager.IssuerRef ref = c.spec().issuerRef();
            assertEquals(CertManager.GROUP, ref.group(), id);
            assertEquals("Issuer", ref.kind(), id + ": a namespaced Issuer of the component");
            assertTrue(r.issuers.stream().anyMatch(i -> i.name().equals(ref.name())), id + ": issuer " + ref.name());
        }
        // The callers of profile-service verify that its certificate names the host they call.
        CertManager.Certificate profile = bySecret.get(tlsSecret("profile-service"));
        for (String s : SERVICES) {
            if (config(s).callsProfileService()) {
                String host = env(r, container(r, s), config(s).envOf("quarkus.grpc.clients.profile.host")).orElseThrow();
                assertTrue(profile.spec().dnsNames().contains(host),
                        overlay + ": " + s + " calls " + host + ", which profile-service's certificate must name");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIssuerSignsWithTheCaSecretWhichNoPodMounts(String overlay) {
        Rendered r = withComponent(overlay);
        CertManager.Issuer issuer = r.issuers.get(0);
        assertNotNull(issuer.spec().ca(), overlay + ": a CA issuer");
        assertEquals(CA_SECRET, issuer.spec().ca().secretName(), overlay + ": the CA Secret");
        for (Deployment d : r.all(Deployment.class)) {
            assertTrue(d.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .noneMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals(CA_SECRET)),
                    overlay + ": " + d.getMetadata().getName() + " mounts the CA's private key");
        }
    }

    /** The README says how to create the CA Secret, from the CA certificate and key, and how to add the component. */
    @Test
    void theReadmeSaysHowToCreateTheCaSecretAndAddTheComponent() throws IOException {
        String readme = KubernetesManifestsTest.readmeCommands();
        Matcher m = Pattern.compile("create secret tls " + CA_SECRET + "((?:\\s+--(?:cert|key)=\\S+)+)").matcher(readme);
        assertTrue(m.find(), "README: kubectl create secret tls " + CA_SECRET + " --cert=<CA certificate> --key=<CA key>");
        assertTrue(m.group(1).contains("--cert=") && m.group(1).contains("--key="), m.group());
        assertTrue(readme.contains("../../components/" + COMPONENT), "README shows an overlay listing the component");
        assertTrue(Files.isRegularFile(Paths.overlay("prod").resolve("../../components/" + COMPONENT + "/kustomization.yaml")
                .normalize()), "the path the README shows, from an overlay");
    }

    private static Map<String, String> byKindAndName(Rendered r) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < r.objects.size(); i++) {
            HasMetadata o = r.objects.get(i);
            m.put(o.getKind() + "/" + o.getMetadata().getName(), Rendered.canonical(r.trees.get(i)));
        }
        return m;
    }
}
