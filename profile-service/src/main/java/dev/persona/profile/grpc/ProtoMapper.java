package dev.persona.profile.grpc;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Affinity;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.Rejection;
import dev.persona.api.v1.Rfm;
import dev.persona.api.v1.User;
import dev.persona.api.v1.UserProfile;
import dev.persona.profile.profile.Profile;
import dev.persona.profile.service.ImportResult;
import dev.persona.profile.store.EventEntity;
import dev.persona.profile.store.ItemEntity;
import dev.persona.profile.store.TenantSql;
import dev.persona.profile.store.UserEntity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

/** Stored rows and derived values to wire messages. */
final class ProtoMapper {

    private ProtoMapper() {
    }

    static dev.persona.api.v1.Tenant tenant(TenantSql.Row t) {
        return dev.persona.api.v1.Tenant.newBuilder().setTenantId(t.tenantId()).setDisplayName(t.displayName())
                .setCreatedAt(timestamp(t.createdAt())).setCreatedBy(t.createdBy()).build();
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Timestamp timestamp(OffsetDateTime t) {
        return timestamp(t.toInstant());
    }

    static Timestamp timestampOfMicros(long micros) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(micros, 1_000_000L))
                .setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000).build();
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    static long micros(OffsetDateTime t) {
        return micros(t.toInstant());
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static User user(UserEntity u) {
        return User.newBuilder().setUserId(u.userId).putAllAttributes(orEmpty(u.attributes))
                .setConsentValue(u.consent).setCreatedAt(timestamp(u.createdAt)).build();
    }

    static Item item(ItemEntity i) {
        return Item.newBuilder().setItemId(i.itemId).setTitle(i.title).setCategory(i.category)
                .addAllTags(i.tags == null ? java.util.List.of() : Arrays.asList(i.tags)).setPrice(i.price)
                .putAllAttributes(orEmpty(i.attributes)).setActive(i.active).build();
    }

    static Event event(EventEntity e) {
        return Event.newBuilder().setEventId(e.eventId).setUserId(e.userId).setItemId(e.itemId)
                .setTypeValue(e.type).setValue(e.value).setOccurredAt(timestamp(e.occurredAt))
                .setRecommendationId(e.recommendationId).build();
    }

    static UserProfile profile(String userId, Map<String, String> attributes, int consent, Profile p, long asOfMicros) {
        UserProfile.Builder b = UserProfile.newBuilder().setUserId(userId)
                .putAllAttributes(attributes)
                .setConsentValue(consent)
                .setRfm(Rfm.newBuilder().setRecencyDays(p.recencyDays()).setFrequency(p.frequency()).setMonetary(p.monetary()))
                .setMeanRating(p.meanRating())
                .setRatingCount(p.ratingCount())
                .setAsOf(timestampOfMicros(asOfMicros));
        long[] counts = p.eventCounts();
        for (int type = 1; type < counts.length; type++) {
            if (counts[type] > 0) {
                b.putEventCounts(EventType.forNumber(type).name(), counts[type]);
            }
        }
        if (p.firstSeen() != Long.MIN_VALUE) {
            b.setFirstSeen(timestampOfMicros(p.firstSeen())).setLastSeen(timestampOfMicros(p.lastSeen()));
        }
        for (Profile.Affinity a : p.affinities()) {
            b.addAffinities(Affinity.newBuilder().setDimension(a.dimension()).setValue(a.value()).setScore(a.score()));
        }
        return b.build();
    }

    static ImportSummary summary(ImportResult r) {
        ImportSummary.Builder b = ImportSummary.newBuilder().setReceived(r.received()).setAccepted(r.accepted())
                .setDuplicates(r.duplicates()).setRejected(r.rejected());
        for (ImportResult.Rejected x : r.rejections()) {
            b.addRejections(Rejection.newBuilder().setIndex(x.index()).setField(x.field()).setReason(x.reason()));
        }
        return b.build();
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
