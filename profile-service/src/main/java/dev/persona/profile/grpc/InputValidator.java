package dev.persona.profile.grpc;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.common.error.ApiError;
import dev.persona.common.validation.Ids;
import dev.persona.profile.config.ProfileConfig;
import dev.persona.profile.store.EventKind;
import dev.persona.profile.store.EventRecord;
import dev.persona.profile.store.ItemRecord;
import dev.persona.profile.store.UserRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Turns wire messages into validated records, or throws {@link ApiError#invalid} naming the field (with the
 * given prefix, for example {@code event.occurred_at}). Every rule of the contract lives here.
 */
@ApplicationScoped
public class InputValidator {

    private static final int MAX_CATEGORY_LENGTH = 128;

    private final ProfileConfig.Validation limits;
    private final Clock clock;

    @Inject
    public InputValidator(ProfileConfig config) {
        this(config.validation(), Clock.systemUTC());
    }

    public InputValidator(ProfileConfig.Validation limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public UserRecord user(String prefix, User u) {
        String id = Ids.require(prefix + "user_id", u.getUserId());
        Map<String, String> attributes = attributes(prefix + "attributes", u.getAttributesMap());
        int consent = u.getConsentValue();
        if (consent < 0 || consent > 2) {
            throw ApiError.invalid(prefix + "consent", "unknown value " + consent);
        }
        return new UserRecord(id, attributes, consent);
    }

    public ItemRecord item(String prefix, Item it) {
        String id = Ids.require(prefix + "item_id", it.getItemId());
        String title = Ids.checkText(prefix + "title", it.getTitle(), limits.maxTitleLength());
        String category = Ids.checkText(prefix + "category", it.getCategory(), MAX_CATEGORY_LENGTH);
        if (it.getTagsCount() > limits.maxTags()) {
            throw ApiError.invalid(prefix + "tags", "has " + it.getTagsCount() + " tags, at most " + limits.maxTags() + " allowed");
        }
        for (int i = 0; i < it.getTagsCount(); i++) {
            Ids.require(prefix + "tags[" + i + "]", it.getTags(i));
        }
        double price = Ids.finite(prefix + "price", it.getPrice());
        if (price < 0) {
            throw ApiError.invalid(prefix + "price", "must not be negative, got " + price);
        }
        return new ItemRecord(id, title, category, List.copyOf(it.getTagsList()), price,
                attributes(prefix + "attributes", it.getAttributesMap()), it.getActive());
    }

    public EventRecord event(String prefix, Event e) {
        String eventId = Ids.require(prefix + "event_id", e.getEventId());
        String userId = Ids.require(prefix + "user_id", e.getUserId());
        String itemId = Ids.require(prefix + "item_id", e.getItemId());
        EventKind kind = EventKind.ofCode(e.getTypeValue());
        if (kind == null) {
            throw ApiError.invalid(prefix + "type", e.getTypeValue() == 0 ? "is required" : "unknown value " + e.getTypeValue());
        }
        double value = Ids.finite(prefix + "value", e.getValue());
        if (kind == EventKind.RATING && (value < limits.ratingMin() || value > limits.ratingMax())) {
            throw ApiError.invalid(prefix + "value", "rating " + value + " is outside the scale "
                    + limits.ratingMin() + ".." + limits.ratingMax());
        }
        if (kind == EventKind.PURCHASE && value < 0) {
            throw ApiError.invalid(prefix + "value", "a purchase amount must not be negative, got " + value);
        }
        if (!kind.hasValue()) {
            value = 0;
        }
        if (!e.hasOccurredAt()) {
            throw ApiError.invalid(prefix + "occurred_at", "is required");
        }
        long micros = Ids.micros(prefix + "occurred_at", e.getOccurredAt());
        long latest = clock.millis() / 1000 + limits.maxFutureSkew().toSeconds();
        if (e.getOccurredAt().getSeconds() > latest) {
            throw ApiError.invalid(prefix + "occurred_at", "is more than " + limits.maxFutureSkew().toMinutes()
                    + " minutes in the future");
        }
        String rec = Ids.checkText(prefix + "recommendation_id", e.getRecommendationId(), Ids.MAX_ID_LENGTH);
        return new EventRecord(0, eventId, userId, itemId, kind, value, micros, rec);
    }

    private Map<String, String> attributes(String field, Map<String, String> attributes) {
        if (attributes.size() > limits.maxAttributes()) {
            throw ApiError.invalid(field, "has " + attributes.size() + " entries, at most " + limits.maxAttributes() + " allowed");
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (a.getKey().isEmpty()) {
                throw ApiError.invalid(field, "has an empty key");
            }
            Ids.checkText(field + " key", a.getKey(), limits.maxAttributeKeyLength());
            Ids.checkText(field + "[" + a.getKey() + "]", a.getValue(), limits.maxAttributeValueLength());
        }
        return Map.copyOf(attributes);
    }
}
