package dev.persona.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small kustomize: exactly the features {@code deploy/k8s} uses, and a clear failure on anything
 * else, so that what the tests check is what {@code kubectl kustomize} would render.
 *
 * <ul>
 *   <li>{@code resources}: YAML files (any number of documents) and directories holding a kustomization.yaml;</li>
 *   <li>{@code components}: directories holding a kustomization.yaml of kind {@code Component}, each applied to what
 *       the resources rendered: its own resources are added, then its patches applied;</li>
 *   <li>{@code secretGenerator} with {@code literals} only, {@code configMapGenerator} with {@code files} only (each
 *       a file of the kustomization's own folder or below, as kustomize's default load restrictions require, its
 *       key the file name or {@code key=file}; text only), and {@code generatorOptions.disableNameSuffixHash: true}
 *       (the generated Secret or ConfigMap keeps its plain name, so no reference needs rewriting);</li>
 *   <li>{@code patches} given by {@code path}: strategic-merge patches, one or more documents per file, each naming
 *       its target by apiVersion, kind and metadata.name. Maps merge; {@code null} deletes; the lists merged by a
 *       key are the pod template's containers, their env and the volumes (by {@code name}) and the containers'
 *       volumeMounts (by {@code mountPath}), the patch's entries first, in its order, then the target's others, as
 *       kustomize orders them; any other list in a patch is refused rather than guessed;</li>
 *   <li>{@code images}: {@code name} with {@code newName} and/or {@code newTag}, applied to pod template containers.</li>
 * </ul>
 * Order as in kustomize: resources, then components, then generators, then patches, then images. No name prefixes,
 * labels or namespaces: the manifests do not use them.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> KNOWN_FIELDS = Set.of(
            "apiVersion", "kind", "resources", "components", "patches", "images", "secretGenerator",
            "configMapGenerator", "generatorOptions");
    /** The fields a Component may have: resources and patches. */
    private static final Set<String> COMPONENT_FIELDS = Set.of("apiVersion", "kind", "resources", "patches");
    /** The lists a patch may merge into, by path, and the key that matches their entries (the patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "spec.template.spec.containers", "name",
            "spec.template.spec.containers[].env", "name",
            "spec.template.spec.containers[].volumeMounts", "mountPath",
            "spec.template.spec.volumes", "name");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}: every object, in load order. */
    static List<ObjectNode> render(Path dir) {
        JsonNode k = kustomization(dir, "Kustomization", KNOWN_FIELDS);
        List<ObjectNode> objects = new ArrayList<>();
        addResources(dir, k, objects);
        for (JsonNode c : k.path("components")) {
            Path component = dir.resolve(c.asText()).normalize();
            JsonNode ck = kustomization(component, "Component", COMPONENT_FIELDS);
            addResources(component, ck, objects);
            applyPatches(component, ck, objects);
        }
        if (k.has("secretGenerator") || k.has("configMapGenerator")) {
            if (!k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)
                    || k.path("generatorOptions").size() != 1) {
                throw new IllegalArgumentException(dir + ": only generatorOptions.disableNameSuffixHash: true is supported");
            }
            for (JsonNode g : k.path("configMapGenerator")) {
                objects.add(configMap(dir, g));
            }
            for (JsonNode g : k.path("secretGenerator")) {
                objects.add(secret(dir, g));
            }
        }
        applyPatches(dir, k, objects);
        for (JsonNode image : k.path("images")) {
            setImage(objects, image);
        }
        return objects;
    }

    /**
     * The kustomization.yaml of {@code dir}, which must be of the given kind (a Kustomization may leave its kind out)
     * and have no field beyond {@code fields}.
     */
    private static JsonNode kustomization(Path dir, String kind, Set<String> fields) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no kustomization.yaml");
        }
        JsonNode k = readDocuments(file).get(0);
        String actual = k.path("kind").asText("Kustomization");
        if (!actual.equals(kind)) {
            throw new IllegalArgumentException(dir + ": a " + actual + " where a " + kind + " is expected");
        }
        k.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(dir + ": " + kind + " field '" + f + "' is not supported here");
            }
        });
        return k;
    }

    private static void addResources(Path dir, JsonNode k, List<ObjectNode> objects) {
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
            } else {
                readDocuments(p).forEach(d -> objects.add((ObjectNode) d));
            }
        }
    }

    private static void applyPatches(Path dir, JsonNode k, List<ObjectNode> objects) {
        for (JsonNode patch : k.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalArgumentException(dir + ": only patches given by 'path' are supported: " + patch);
            }
            for (JsonNode doc : readDocuments(dir.resolve(patch.get("path").asText()))) {
                ObjectNode target = find(objects, doc);
                merge(target, (ObjectNode) doc, "");
            }
        }
    }

    /** Every non-empty YAML document of a file (a file of comments only yields none). */
    static List<JsonNode> readDocuments(Path file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file));
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && d.isObject() && !d.isEmpty()) {
                    docs.add(d);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static ObjectNode secret(Path dir, JsonNode g) {
        g.fieldNames().forEachRemaining(f -> {
            if (!f.equals("name") && !f.equals("literals")) {
                throw new IllegalArgumentException(dir + ": secretGenerator field '" + f + "' is not supported here");
            }
        });
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("apiVersion", "v1");
        s.put("kind", "Secret");
        s.putObject("metadata").put("name", g.get("name").asText());
        s.put("type", "Opaque");
        ObjectNode data = s.putObject("data");
        for (JsonNode literal : g.path("literals")) {
            String text = literal.asText();
            int eq = text.indexOf('=');
            if (eq <= 0 || text.startsWith("\"") || text.startsWith("'")) {
                throw new IllegalArgumentException(dir + ": literal must be key=value without quotes: " + text);
            }
            data.put(text.substring(0, eq),
                    Base64.getEncoder().encodeToString(text.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
        }
        return s;
    }

    /**
     * A ConfigMap of files: each {@code file} or {@code key=file}, under the key given or the file's name. As kustomize
     * does by default (LoadRestrictionsRootOnly), a file outside the kustomization's folder is refused, symbolic links
     * resolved; so is a file that is not UTF-8 text (kustomize would put it under binaryData).
     */
    private static ObjectNode configMap(Path dir, JsonNode g) {
        g.fieldNames().forEachRemaining(f -> {
            if (!f.equals("name") && !f.equals("files")) {
                throw new IllegalArgumentException(dir + ": configMapGenerator field '" + f + "' is not supported here");
            }
        });
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", g.get("name").asText());
        ObjectNode data = cm.putObject("data");
        for (JsonNode entry : g.path("files")) {
            String text = entry.asText();
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(eq + 1);
            try {
                Path root = dir.toRealPath();
                Path file = dir.resolve(name).toRealPath();
                if (!file.startsWith(root)) {
                    throw new IllegalArgumentException(dir + ": security; file " + name + " is not in or below the "
                            + "kustomization's folder (kustomize's load restrictions)");
                }
                String key = eq < 0 ? file.getFileName().toString() : text.substring(0, eq);
                byte[] bytes = Files.readAllBytes(file);
                String content;
                try {
                    content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException(dir + ": " + name + " is not UTF-8 text (binaryData is not supported here)");
                }
                if (data.has(key)) {
                    throw new IllegalArgumentException(dir + ": configMapGenerator key " + key + " twice");
                }
                data.put(key, content);
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": " + name, e);
            }
        }
        return cm;
    }

    private static ObjectNode find(List<ObjectNode> objects, JsonNode patch) {
        List<ObjectNode> hits = objects.stream()
                .filter(o -> o.path("apiVersion").equals(patch.path("apiVersion"))
                        && o.path("kind").equals(patch.path("kind"))
                        && o.path("metadata").path("name").equals(patch.path("metadata").path("name")))
                .toList();
        if (hits.size() != 1) {
            throw new IllegalArgumentException("a patch must match exactly one object, " + hits.size() + " match "
                    + patch.path("kind").asText() + "/" + patch.path("metadata").path("name").asText());
        }
        return hits.get(0);
    }

    private static void merge(ObjectNode target, ObjectNode patch, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("patch directive " + key + " at " + at + " is not supported here");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, at);
            } else if (value.isArray()) {
                String mergeKey = MERGE_KEYS.get(at);
                if (mergeKey == null) {
                    throw new IllegalArgumentException("a patch of the list " + at + " is not supported here");
                }
                if (current == null) {
                    target.set(key, value.deepCopy());
                } else {
                    target.set(key, mergeByKey((ArrayNode) current, (ArrayNode) value, mergeKey, at));
                }
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /**
     * A list merged as kustomize merges it: the patch's entries first, in the patch's order, each merged into the
     * target's entry of the same key when there is one; then the target's entries the patch does not name.
     */
    private static ArrayNode mergeByKey(ArrayNode target, ArrayNode patch, String mergeKey, String path) {
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        Set<String> named = new HashSet<>();
        for (JsonNode p : patch) {
            String key = p.path(mergeKey).asText(null);
            if (key == null) {
                throw new IllegalArgumentException("an entry of " + path + " without a " + mergeKey);
            }
            if (!named.add(key)) {
                throw new IllegalArgumentException(path + " names " + key + " twice in one patch");
            }
            ObjectNode hit = null;
            for (JsonNode t : target) {
                if (key.equals(t.path(mergeKey).asText(null))) {
                    hit = (ObjectNode) t;
                }
            }
            if (hit == null) {
                merged.add(p.deepCopy());
            } else {
                merge(hit, (ObjectNode) p, path + "[]");
                merged.add(hit);
            }
        }
        for (JsonNode t : target) {
            if (!named.contains(t.path(mergeKey).asText(null))) {
                merged.add(t);
            }
        }
        return merged;
    }

    private static void setImage(List<ObjectNode> objects, JsonNode image) {
        image.fieldNames().forEachRemaining(f -> {
            if (!Set.of("name", "newName", "newTag").contains(f)) {
                throw new IllegalArgumentException("images field '" + f + "' is not supported here");
            }
        });
        String name = image.get("name").asText();
        for (ObjectNode o : objects) {
            for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                String current = c.path("image").asText();
                int colon = current.lastIndexOf(':');
                boolean tagged = colon > current.lastIndexOf('/');
                String repo = tagged ? current.substring(0, colon) : current;
                if (!repo.equals(name)) {
                    continue;
                }
                String tag = tagged ? current.substring(colon + 1) : null;
                String newRepo = image.has("newName") ? image.get("newName").asText() : repo;
                String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
                ((ObjectNode) c).put("image", newTag == null ? newRepo : newRepo + ":" + newTag);
            }
        }
    }
}
