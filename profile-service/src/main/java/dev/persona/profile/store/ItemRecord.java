package dev.persona.profile.store;

import java.util.List;
import java.util.Map;

/** A validated item. */
public record ItemRecord(String itemId, String title, String category, List<String> tags, double price,
        Map<String, String> attributes, boolean active) {
}
