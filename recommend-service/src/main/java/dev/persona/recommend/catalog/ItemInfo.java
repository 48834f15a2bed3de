package dev.persona.recommend.catalog;

import java.util.List;

/**
 * An item of the catalogue as strategies see it.
 *
 * @param price  0 when unknown
 * @param active inactive items are never recommended
 */
public record ItemInfo(String id, String title, String category, List<String> tags, double price, boolean active) {

    public ItemInfo {
        tags = List.copyOf(tags);
    }
}
