package dev.persona.segment.service;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.User;
import dev.persona.common.profile.ProfileClient;
import dev.persona.segment.features.Customer;
import dev.persona.segment.features.CustomerEvent;
import dev.persona.segment.features.Population;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Reads users and events from ProfileService for feature computations: a whole tenant (ExportUsers,
 * ExportInteractions, and ExportItems when categories are needed) or one user (GetUser, ListUserEvents). Also
 * tracks, per tenant, the time of the latest event, caught up incrementally, for the contract's default clock.
 * Nothing is kept between calls but that clock: every computation sees the log as it is.
 */
@ApplicationScoped
public class ProfileData {

    private final ProfileClient profiles;
    private final Map<String, LogClock> clocks = new ConcurrentHashMap<>();

    public ProfileData(ProfileClient profiles) {
        this.profiles = profiles;
    }

    /**
     * Every user of the tenant and every event of the log.
     *
     * @param categories whether events need their item's category (affinity features)
     * @param loaded told the number of events read so far, now and then
     */
    public Population tenant(String tenant, boolean categories, LongConsumer loaded) {
        Map<String, String> categoryOf = categories ? categories(tenant) : Map.of();
        TreeMap<String, Customer> customers = new TreeMap<>();
        profiles.exportUsers(tenant, user -> customers.put(user.getUserId(), customer(user)));
        List<CustomerEvent> events = new ArrayList<>();
        long[] latest = {Long.MIN_VALUE};
        long[] sequence = {0};
        profiles.exportInteractions(tenant, 0, batch -> {
            batch.getInteractionsList().forEach(i -> {
                CustomerEvent e = event(i.getUserId(), i.getItemId(), i.getType(), i.getValue(), i.getOccurredAt(),
                        categoryOf);
                if (e != null) {
                    events.add(e);
                    customers.computeIfAbsent(e.userId(), id -> Customer.of(id, Map.of()));
                }
                latest[0] = Math.max(latest[0], millis(i.getOccurredAt()));
            });
            sequence[0] = batch.getLastSequence();
            loaded.accept(events.size());
        });
        clock(tenant).advance(sequence[0], latest[0]);
        return new Population(new ArrayList<>(customers.values()), events, latest[0]);
    }

    /**
     * One user and their events, or null when ProfileService does not know the user.
     *
     * @param categories whether events need their item's category
     */
    public Population user(String tenant, String userId, boolean categories) {
        User user = profiles.user(tenant, userId);
        if (user == null) {
            return null;
        }
        Map<String, String> categoryOf = categories ? categories(tenant) : Map.of();
        List<CustomerEvent> events = new ArrayList<>();
        profiles.userEvents(tenant, userId, e -> {
            CustomerEvent ce = event(userId, e.getItemId(), e.getType(), e.getValue(), e.getOccurredAt(),
                    categoryOf);
            if (ce != null) {
                events.add(ce);
            }
        });
        return new Population(List.of(customer(user)), events, latestEventMillis(tenant));
    }

    /** The time of the tenant's latest event, or {@link Long#MIN_VALUE} when the log is empty. */
    public long latestEventMillis(String tenant) {
        LogClock clock = clock(tenant);
        synchronized (clock) {
            long[] latest = {clock.latest};
            long[] sequence = {clock.sequence};
            profiles.exportInteractions(tenant, clock.sequence, batch -> {
                batch.getInteractionsList().forEach(i -> latest[0] = Math.max(latest[0], millis(i.getOccurredAt())));
                sequence[0] = batch.getLastSequence();
            });
            clock.advance(sequence[0], latest[0]);
            return clock.latest;
        }
    }

    private LogClock clock(String tenant) {
        return clocks.computeIfAbsent(tenant, t -> new LogClock());
    }

    private Map<String, String> categories(String tenant) {
        Map<String, String> out = new HashMap<>();
        profiles.exportItems(tenant, item -> {
            if (!item.getCategory().isBlank()) {
                out.put(item.getItemId(), item.getCategory());
            }
        });
        return out;
    }

    private static Customer customer(User user) {
        return new Customer(user.getUserId(), user.getAttributesMap(),
                user.getConsent() == ConsentStatus.CONSENT_STATUS_DENIED);
    }

    private static CustomerEvent event(String user, String item, EventType type, double value, Timestamp at,
                                       Map<String, String> categoryOf) {
        String kind = switch (type) {
            case EVENT_TYPE_VIEW -> CustomerEvent.VIEW;
            case EVENT_TYPE_CLICK -> CustomerEvent.CLICK;
            case EVENT_TYPE_ADD_TO_CART -> CustomerEvent.ADD_TO_CART;
            case EVENT_TYPE_PURCHASE -> CustomerEvent.PURCHASE;
            case EVENT_TYPE_RATING -> CustomerEvent.RATING;
            default -> null; // impressions are not interest
        };
        return kind == null ? null : new CustomerEvent(user, item, kind, value, millis(at), categoryOf.get(item));
    }

    /** Epoch milliseconds of a timestamp. */
    public static long millis(Timestamp t) {
        return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
    }

    /** The latest event time seen up to a log position. */
    private static final class LogClock {
        long sequence;
        long latest = Long.MIN_VALUE;

        synchronized void advance(long toSequence, long latestMillis) {
            if (toSequence > sequence) {
                sequence = toSequence;
            }
            latest = Math.max(latest, latestMillis);
        }
    }
}
