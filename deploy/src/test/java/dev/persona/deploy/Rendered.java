package dev.persona.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rendered overlay as typed Kubernetes objects, with the look-ups the checks need. */
final class Rendered {

    /** The kinds the manifests may contain, by apiVersion and kind; anything else is an error. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    final String overlay;
    /** The trees of {@link #objects}, in the same order. */
    final List<ObjectNode> trees = new ArrayList<>();
    final List<HasMetadata> objects = new ArrayList<>();
    /** cert-manager's objects (the optional component), read into {@link CertManager}'s model. */
    final List<CertManager.Certificate> certificates = new ArrayList<>();
    final List<CertManager.Issuer> issuers = new ArrayList<>();

    private Rendered(String overlay, List<ObjectNode> rendered) {
        this.overlay = overlay;
        for (ObjectNode tree : rendered) {
            String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
            if (CertManager.isCertManager(tree.path("apiVersion").asText())) {
                Object o = CertManager.parse(tree);
                if (o instanceof CertManager.Certificate c) {
                    certificates.add(c);
                } else {
                    issuers.add((CertManager.Issuer) o);
                }
                continue;
            }
            Class<? extends HasMetadata> type = KINDS.get(key);
            if (type == null) {
                throw new IllegalArgumentException(overlay + ": no typed model for " + key);
            }
            try {
                objects.add(JSON.treeToValue(tree, type));
                trees.add(tree);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(overlay + ": " + key + " does not parse: " + e.getMessage(), e);
            }
        }
    }

    static Rendered overlay(String name) {
        Path dir = Paths.overlay(name);
        return new Rendered(name, Kustomize.render(dir));
    }

    /** An overlay with components added, as an overlay of its own that lists them would render it. */
    static Rendered overlayWith(String name, String... components) {
        return new Rendered(name + "+" + String.join("+", components),
                Kustomize.render(Paths.overlayWithComponents(name, components)));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    /** Whether a selector picks the given labels (matchLabels and the four matchExpressions operators). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && r.getValues().contains(v);
                    case "NotIn" -> v == null || !r.getValues().contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> throw new IllegalArgumentException("operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Same as {@link #selects(LabelSelector, Map)} for a Service's or a plain map selector. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /**
     * Paths of every field the typed model did not recognise (fabric8 keeps them in additionalProperties rather than
     * failing), found by walking the object graph through its getters.
     */
    static List<String> unknownFields(Object root, String path) {
        List<String> found = new ArrayList<>();
        walk(root, path, found);
        return found;
    }

    private static void walk(Object o, String path, List<String> found) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass().isInterface() || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = m.getName().substring(3, 4).toLowerCase() + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                walk(value, path + "." + field, found);
            }
        }
    }

    /** A tree as JSON text: field order aside, equal text means equal content (999 read as int or long alike). */
    static String canonical(JsonNode tree) {
        try {
            return JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(JSON.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The typed object written back as JSON, to compare with what was read. */
    static JsonNode asTree(HasMetadata o) {
        return JSON.valueToTree(o);
    }
}
