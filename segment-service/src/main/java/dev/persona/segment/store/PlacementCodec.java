package dev.persona.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.segment.features.FeatureScaler;
import dev.persona.segment.features.FeatureScaler.ScaledColumn;
import dev.persona.segment.features.FeatureScaler.Scaling;
import dev.persona.segment.grouping.Grouped.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Placement} as JSON for the {@code scaler} column, through Jackson's tree model (no reflection):
 * {@code {"segments":[..], "scaling":"ZSCORE", "columns":[{"name","feature","level","center","scale"}],
 * "centroids":[[..]], "recency_cuts":[..], "frequency_cuts":[..]}}.
 */
final class PlacementCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlacementCodec() {
    }

    static String write(Placement p) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode ids = root.putArray("segments");
        p.segmentIds().forEach(ids::add);
        if (p.scaler() != null) {
            root.put("scaling", p.scaler().scaling().name());
            ArrayNode columns = root.putArray("columns");
            for (ScaledColumn c : p.scaler().columns()) {
                ObjectNode o = columns.addObject();
                o.put("name", c.name());
                o.put("feature", c.feature());
                if (c.level() != null) {
                    o.put("level", c.level());
                }
                o.put("center", c.center());
                o.put("scale", c.scale());
            }
            ArrayNode centroids = root.putArray("centroids");
            for (double[] row : p.centroids()) {
                doubles(centroids.addArray(), row);
            }
        }
        if (p.recencyCuts() != null) {
            doubles(root.putArray("recency_cuts"), p.recencyCuts());
            doubles(root.putArray("frequency_cuts"), p.frequencyCuts());
        }
        return root.toString();
    }

    static Placement read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored placement is not JSON", e);
        }
        List<String> ids = new ArrayList<>();
        root.get("segments").forEach(n -> ids.add(n.asText()));
        FeatureScaler scaler = null;
        double[][] centroids = null;
        if (root.has("scaling")) {
            List<ScaledColumn> columns = new ArrayList<>();
            for (JsonNode c : root.get("columns")) {
                columns.add(new ScaledColumn(c.get("name").asText(), c.get("feature").asText(),
                        c.has("level") ? c.get("level").asText() : null, c.get("center").asDouble(),
                        c.get("scale").asDouble()));
            }
            scaler = new FeatureScaler(Scaling.valueOf(root.get("scaling").asText()), columns);
            JsonNode rows = root.get("centroids");
            centroids = new double[rows.size()][];
            for (int s = 0; s < rows.size(); s++) {
                centroids[s] = doubles(rows.get(s));
            }
        }
        return new Placement(scaler, centroids, ids,
                root.has("recency_cuts") ? doubles(root.get("recency_cuts")) : null,
                root.has("frequency_cuts") ? doubles(root.get("frequency_cuts")) : null);
    }

    private static void doubles(ArrayNode out, double[] values) {
        for (double v : values) {
            out.add(v);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
