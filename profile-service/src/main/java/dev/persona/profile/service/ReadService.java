package dev.persona.profile.service;

import dev.persona.common.error.ApiError;
import dev.persona.profile.config.ProfileConfig;
import dev.persona.profile.profile.Profile;
import dev.persona.profile.profile.ProfileCalculator;
import dev.persona.profile.store.BulkSql;
import dev.persona.profile.store.EventEntity;
import dev.persona.profile.store.EventRepository;
import dev.persona.profile.store.ItemEntity;
import dev.persona.profile.store.ItemRepository;
import dev.persona.profile.store.UserEntity;
import dev.persona.profile.store.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Reads: users, items, profiles, event pages and the exports. */
@ApplicationScoped
@Transactional
public class ReadService {

    @Inject
    UserRepository users;

    @Inject
    ItemRepository items;

    @Inject
    EventRepository events;

    @Inject
    BulkSql sql;

    @Inject
    ProfileConfig config;

    private ProfileCalculator calculator;

    @PostConstruct
    void init() {
        ProfileConfig.Weight w = config.profile().weight();
        double[] weights = {0, w.view(), w.click(), w.addToCart(), w.purchase(), w.rating(), w.impression()};
        calculator = new ProfileCalculator(weights, config.validation().ratingMax(),
                config.profile().halfLife().toNanos() / 1000, config.profile().maxAffinities());
    }

    public UserEntity user(String tenant, String userId) {
        return users.find(tenant, userId).orElseThrow(() -> ApiError.notFound("user", userId));
    }

    public ItemEntity item(String tenant, String itemId) {
        return items.find(tenant, itemId).orElseThrow(() -> ApiError.notFound("item", itemId));
    }

    /** A user's attributes and consent, and their profile as of {@code asOfMicros}. */
    public record UserProfile(Map<String, String> attributes, int consent, Profile profile) {
    }

    /** Hot path: plain JDBC reads without a transaction (a profile is a read of committed data). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public UserProfile profile(String tenant, String userId, long asOfMicros) {
        try {
            BulkSql.ProfileInput in = sql.profileInput(tenant, userId, asOfMicros);
            if (in == null) {
                throw ApiError.notFound("user", userId);
            }
            return new UserProfile(in.attributes(), in.consent(), calculator.compute(in.events(), asOfMicros));
        } catch (java.sql.SQLException e) {
            throw ApiError.unavailable("database error reading events: " + e.getMessage(), e);
        }
    }

    /** A page of the user's events, newest first, strictly before the cursor when one is given. */
    public List<EventEntity> eventPage(String tenant, String userId, OffsetDateTime beforeTime, long beforeSeq, int size) {
        user(tenant, userId);
        return events.newestFirst(tenant, userId, beforeTime, beforeSeq, size);
    }

    /** The user's events in commit order after {@code afterSeq}. */
    public List<EventEntity> eventsAfter(String tenant, String userId, long afterSeq, int size) {
        return events.oldestFirst(tenant, userId, afterSeq, size);
    }

    public List<UserEntity> usersAfter(String tenant, String afterUserId, int size) {
        return users.pageAfter(tenant, afterUserId, size);
    }

    public List<ItemEntity> itemsAfter(String tenant, String afterItemId, int size) {
        return items.pageAfter(tenant, afterItemId, size);
    }
}
