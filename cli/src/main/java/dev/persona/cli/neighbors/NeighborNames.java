package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Metric;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line names of {@link Entity} and {@link Metric}: the constant without its prefix, in lower case, with
 * hyphens ("item", "adjusted-cosine"). A name that is not one of them is a usage error listing the valid ones.
 */
public final class NeighborNames {

    private static final Names<Entity> ENTITIES = new Names<>(Entity.class, "ENTITY_");
    private static final Names<Metric> METRICS = new Names<>(Metric.class, "METRIC_");

    private NeighborNames() {
    }

    public static String of(Entity entity) {
        return ENTITIES.name(entity);
    }

    public static String of(Metric metric) {
        return METRICS.name(metric);
    }

    /** Converts --entity. */
    public static final class EntityConverter implements ITypeConverter<Entity> {
        @Override
        public Entity convert(String value) {
            return ENTITIES.parse(value);
        }
    }

    /** Converts --metric. */
    public static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            return METRICS.parse(value);
        }
    }

    /** The names of --entity, for the help (${COMPLETION-CANDIDATES}). */
    public static final class Entities implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ENTITIES.byName.keySet().iterator();
        }
    }

    /** The names of --metric, for the help (${COMPLETION-CANDIDATES}). */
    public static final class Metrics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return METRICS.byName.keySet().iterator();
        }
    }

    /** The valid constants of one enum by name; UNSPECIFIED and UNRECOGNIZED have no name to give. */
    private static final class Names<E extends Enum<E>> {

        private final String prefix;
        private final Map<String, E> byName = new LinkedHashMap<>();

        Names(Class<E> type, String prefix) {
            this.prefix = prefix;
            for (E constant : type.getEnumConstants()) {
                if (constant.name().startsWith(prefix) && !constant.name().endsWith("_UNSPECIFIED")) {
                    byName.put(name(constant), constant);
                }
            }
        }

        String name(E constant) {
            String name = constant.name();
            return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT)
                    .replace('_', '-');
        }

        E parse(String text) {
            E constant = byName.get(text.toLowerCase(Locale.ROOT).replace('_', '-'));
            if (constant == null) {
                throw new TypeConversionException(
                        "expected one of " + String.join(", ", byName.keySet()) + ", got '" + text + "'");
            }
            return constant;
        }
    }
}
