package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small renderer refuses what it does not implement, and agrees with the real one where that is installed. */
class KustomizeTest {

    @Test
    void refusesAKustomizationFieldItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namePrefix: x-\nresources: []\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("namePrefix"), e.getMessage());
    }

    @Test
    void refusesToGuessHowAListWithoutANameKeyMerges(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [svc.yaml]\npatches: [{path: patch.yaml}]\n");
        Files.writeString(dir.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                + "spec: {ports: [{name: grpc, port: 1}]}\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                + "spec: {ports: [{name: grpc, port: 2}]}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("spec.ports"), e.getMessage());
    }

    @Test
    void mergesContainersAndEnvByNameAndGeneratesSecrets(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [d.yaml]
                patches: [{path: p.yaml}]
                images: [{name: app, newName: reg.example/app, newTag: "2"}]
                secretGenerator: [{name: s, literals: ["url=redis://:p=w@h:1"]}]
                generatorOptions: {disableNameSuffixHash: true}
                """);
        Files.writeString(dir.resolve("d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: c
                          image: app:1
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                """);
        Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: c
                          env: [{name: B, value: "20"}, {name: C, value: "3"}]
                """);
        List<ObjectNode> out = Kustomize.render(dir);
        JsonNode c = out.get(0).at("/spec/template/spec/containers/0");
        assertEquals(3, out.get(0).at("/spec/replicas").asInt());
        assertEquals("reg.example/app:2", c.path("image").asText());
        // As kustomize orders a merged list: the patch's entries in its order, then the target's others.
        assertEquals("[{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"},{\"name\":\"A\",\"value\":\"1\"}]",
                c.path("env").toString());
        assertEquals("cmVkaXM6Ly86cD13QGg6MQ==", out.get(1).at("/data/url").asText(), "split at the first '='");
    }

    @Test
    void generatesConfigMapsFromFilesOfItsOwnFolderOnly(@TempDir Path dir) throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("roles.sql"), "SELECT 1;\n");
        Files.writeString(files.resolve("users.acl"), "alice ~a:*\n");
        Files.writeString(files.resolve("kustomization.yaml"), """
                configMapGenerator: [{name: accounts, files: [roles.sql, acl=users.acl]}]
                generatorOptions: {disableNameSuffixHash: true}
                """);
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [../files]\n");
        List<ObjectNode> out = Kustomize.render(overlay);
        assertEquals(1, out.size());
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"accounts\"},"
                + "\"data\":{\"roles.sql\":\"SELECT 1;\\n\",\"acl\":\"alice ~a:*\\n\"}}", out.get(0).toString());
        // As kustomize's default load restrictions: a generator's file outside the kustomization's folder is refused.
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                configMapGenerator: [{name: accounts, files: [../files/roles.sql]}]
                generatorOptions: {disableNameSuffixHash: true}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(overlay));
        assertTrue(e.getMessage().contains("not in or below"), e.getMessage());
    }

    @Test
    void mergesVolumeMountsByMountPathAndAppliesComponents(@TempDir Path dir) throws IOException {
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Path component = Files.createDirectories(dir.resolve("component"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [d.yaml]
                components: [../component]
                """);
        Files.writeString(overlay.resolve("d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          volumeMounts: [{name: tmp, mountPath: /tmp}]
                      volumes: [{name: tmp, emptyDir: {}}]
                """);
        Files.writeString(component.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                resources: [cm.yaml]
                patches: [{path: p.yaml}]
                """);
        Files.writeString(component.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n");
        Files.writeString(component.resolve("p.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          volumeMounts: [{name: ca, mountPath: /ca, readOnly: true}, {name: scratch, mountPath: /tmp}]
                      volumes: [{name: ca, secret: {secretName: ca}}]
                """);
        List<ObjectNode> out = Kustomize.render(overlay);
        assertEquals(List.of("Deployment", "ConfigMap"), out.stream().map(o -> o.path("kind").asText()).toList());
        assertEquals("[{\"name\":\"ca\",\"mountPath\":\"/ca\",\"readOnly\":true},{\"name\":\"scratch\",\"mountPath\":\"/tmp\"}]",
                out.get(0).at("/spec/template/spec/containers/0/volumeMounts").toString(), "merged by mountPath");
        assertEquals("[{\"name\":\"ca\",\"secret\":{\"secretName\":\"ca\"}},{\"name\":\"tmp\",\"emptyDir\":{}}]",
                out.get(0).at("/spec/template/spec/volumes").toString());
    }

    @Test
    void refusesAComponentListedAsAResourceAndAKustomizationListedAsAComponent(@TempDir Path dir) throws IOException {
        Path component = Files.createDirectories(dir.resolve("component"));
        Files.writeString(component.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: []\n");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("kustomization.yaml"), "resources: []\n");
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("kustomization.yaml"), "resources: [../component]\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(a));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("kustomization.yaml"), "components: [../plain]\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(b));
    }

    static boolean kubectlInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @EnabledIf("kubectlInstalled")
    void rendersWhatKubectlKustomizeRenders(String overlay) throws Exception {
        assertSameAsKubectl(overlay, Paths.overlay(overlay));
    }

    /** The overlays with the optional cert-manager component, as an overlay that lists it renders them. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @EnabledIf("kubectlInstalled")
    void rendersWhatKubectlKustomizeRendersWithTheCertManagerComponent(String overlay) throws Exception {
        assertSameAsKubectl(overlay + "+cert-manager", Paths.overlayWithComponents(overlay, "cert-manager"));
    }

    private static void assertSameAsKubectl(String id, Path dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl kustomize " + id);
        Path file = Files.createTempFile("kustomize-", ".yaml");
        try {
            Files.writeString(file, yaml);
            assertEquals(byKindAndName(Kustomize.readDocuments(file)), byKindAndName(Kustomize.render(dir)), id);
        } finally {
            Files.delete(file);
        }
    }

    private static Map<String, JsonNode> byKindAndName(List<? extends JsonNode> objects) {
        Map<String, JsonNode> map = new TreeMap<>();
        for (JsonNode o : objects) {
            map.put(o.path("kind").asText() + "/" + o.at("/metadata/name").asText(), o);
        }
        assertEquals(objects.size(), map.size());
        return map;
    }
}
