package dev.persona.segment.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A customer profile as input to {@link FeatureBuilder}.
 *
 * <p>Attribute values are strings; a {@code null} or blank value means "missing". A customer with
 * {@code consentDenied} set is left out of every feature matrix (and reported by
 * {@link FeatureMatrix#excludedUserIds()}), and none of their events are used.
 *
 * @param userId non-blank id, unique within one build
 * @param attributes attribute name to value; may be null (no attributes); copied
 * @param consentDenied true when the customer refused profiling
 */
public record Customer(String userId, Map<String, String> attributes, boolean consentDenied) {

    public Customer {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        for (String key : attributes.keySet()) {
            Objects.requireNonNull(key, "attribute name must not be null");
        }
    }

    /** A customer who did not refuse profiling. */
    public static Customer of(String userId, Map<String, String> attributes) {
        return new Customer(userId, attributes, false);
    }
}
