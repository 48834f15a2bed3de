package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Metric;
import dev.persona.cli.EnumNames;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;

/** The command-line names of {@link Entity} and {@link Metric} ("item", "adjusted-cosine"): see {@link EnumNames}. */
public final class NeighborNames {

    private static final EnumNames<Entity> ENTITIES = EnumNames.of(Entity.class, "ENTITY_");
    private static final EnumNames<Metric> METRICS = EnumNames.of(Metric.class, "METRIC_");

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
            return ENTITIES.names().iterator();
        }
    }

    /** The names of --metric, for the help (${COMPLETION-CANDIDATES}). */
    public static final class Metrics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return METRICS.names().iterator();
        }
    }
}
