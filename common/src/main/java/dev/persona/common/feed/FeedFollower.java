package dev.persona.common.feed;

import dev.persona.common.redis.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Follows every tenant's change feed (the Redis Stream {@code persona:<t>:feed} that profile-service appends to) for
 * the service's {@link FeedListener}: an {@code events} entry announces committed events, an {@code erase} entry an
 * erasure. Tenants are discovered by scanning for feeds every {@code persona.feed.discover-every}. Where the feed was
 * last read is kept in Redis per tenant and consumer ({@code persona:<t>:<consumer>-feed-cursor}), so a restart
 * resumes there and erasures announced while every replica was down are still applied. Every replica reads every
 * entry, and says how far it has read in the tenant's {@link FeedReaders} hash (on every handled batch and every
 * discovery pass), so that profile-service trims only what every replica has handled. Not a CDI bean: each
 * service that follows the feed starts one with its listener at startup.
 */
public final class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    private static final int READ_COUNT = 200;

    private final Redis redis;
    private final FeedListener listener;
    private final String consumer;
    private final Duration block;
    private final Duration discoverEvery;
    /** This replica's field in the readers hashes. */
    private final String readerField;

    /** Feed key → last entry id read. */
    private final Map<String, String> cursors = new ConcurrentHashMap<>();
    /** Feeds whose listener failed, and until when they rest; and the pause each one is at. */
    private final Map<String, Long> restingUntil = new ConcurrentHashMap<>();
    private final Map<String, Long> restDelay = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread loop;
    private long nextDiscovery;

    /**
     * @param consumer      names this service's cursor (for example "similarity-service")
     * @param block         how long one read waits for new entries
     * @param discoverEvery how often the tenants' feeds are rediscovered
     */
    public FeedFollower(Redis redis, FeedListener listener, String consumer, Duration block, Duration discoverEvery) {
        this.redis = redis;
        this.listener = listener;
        this.consumer = consumer;
        this.block = block;
        this.discoverEvery = discoverEvery;
        String host = System.getenv("HOSTNAME");
        String random = UUID.randomUUID().toString().substring(0, 8);
        this.readerField = FeedReaders.field(consumer, host == null || host.isBlank() ? random : host + "-" + random);
    }

    /** Starts following on a daemon thread. */
    public void start() {
        loop = daemon(this::run, "persona-feed");
        loop.start();
    }

    /** Stops following and withdraws this replica from the readers hashes (best effort). */
    public void stop() {
        running = false;
        for (String feed : cursors.keySet()) {
            try {
                send(Request.cmd(Command.HDEL).arg(readersKey(feed)).arg(readerField));
            } catch (RuntimeException e) {
                LOG.debugf("feed reader of %s not withdrawn: %s", feed, e.getMessage());
            }
        }
    }

    /** Tenants whose feed this replica follows. */
    public List<String> tenants() {
        List<String> tenants = new ArrayList<>();
        for (String key : cursors.keySet()) {
            tenants.add(FeedKeys.tenantOf(key));
        }
        return tenants;
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                if (System.currentTimeMillis() >= nextDiscovery) {
                    discover();
                    nextDiscovery = System.currentTimeMillis() + discoverEvery.toMillis();
                }
                if (cursors.isEmpty()) {
                    Thread.sleep(block.toMillis());
                } else {
                    readOnce();
                }
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                backoff = Math.min(5_000, Math.max(250, backoff * 2));
                LOG.debugf("change feed read failed, retrying in %d ms: %s", backoff, e.getMessage());
            } catch (Error e) {
                // Not even an OutOfMemoryError may end the loop silently: this replica would stop applying erasures.
                backoff = 5_000;
                LOG.errorf(e, "the change feed loop hit %s; going on in %d ms", e.getClass().getName(), backoff);
            }
        }
    }

    private void discover() {
        for (String feed : FeedKeys.all(redis, Duration.ofSeconds(5))) {
            if (!cursors.containsKey(feed)) {
                Response saved = send(Request.cmd(Command.GET).arg(cursorKey(feed)));
                cursors.put(feed, saved == null ? "0-0" : saved.toString());
            }
        }
        // the heartbeat of every feed in one round trip
        List<Request> heartbeats = new ArrayList<>();
        cursors.forEach((feed, id) -> heartbeats.add(readTo(feed, id)));
        if (!heartbeats.isEmpty()) {
            redis.batch(heartbeats).await().atMost(Duration.ofSeconds(5));
        }
    }

    /** The command that records in the feed's readers hash that this replica has handled it up to {@code id}. */
    private Request readTo(String feed, String id) {
        return Request.cmd(Command.HSET).arg(readersKey(feed)).arg(readerField)
                .arg(FeedReaders.value(id, System.currentTimeMillis()));
    }

    private void readOnce() throws InterruptedException {
        long now = System.currentTimeMillis();
        List<String> feeds = new ArrayList<>();
        for (String feed : cursors.keySet()) {
            if (restingUntil.getOrDefault(feed, 0L) <= now) {
                feeds.add(feed);
            }
        }
        if (feeds.isEmpty()) {
            Thread.sleep(block.toMillis());
            return;
        }
        Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(READ_COUNT).arg("BLOCK")
                .arg(block.toMillis()).arg("STREAMS");
        feeds.forEach(xread::arg);
        feeds.forEach(f -> xread.arg(cursors.get(f)));
        Response streams = redis.send(xread).await().atMost(block.plusSeconds(5));
        if (streams == null) {
            return;
        }
        for (Response stream : streams) {
            follow(stream.get(0).toString(), stream.get(1));
        }
    }

    /**
     * Hands one feed's new entries to the listener and moves its cursor past what was handled. A listener failure
     * rests this feed only (retried after a growing pause, from the first entry not handled); the other tenants'
     * feeds go on.
     */
    private void follow(String feed, Response entries) {
        String tenant = FeedKeys.tenantOf(feed);
        String handled = null;
        // Consecutive events entries make one catch-up: each catch-up reads the log to its head anyway.
        String pendingEvents = null;
        try {
            for (Response entry : entries) {
                String id = entry.get(0).toString();
                Notice notice = Notice.of(entry.get(1));
                if ("erase".equals(notice.kind()) && notice.user() != null) {
                    if (pendingEvents != null) {
                        listener.eventsCommitted(tenant);
                        handled = pendingEvents;
                        pendingEvents = null;
                    }
                    listener.userErased(tenant, notice.user());
                    handled = id;
                } else if ("events".equals(notice.kind())) {
                    pendingEvents = id;
                } else if (pendingEvents == null) {
                    handled = id;
                }
            }
            if (pendingEvents != null) {
                listener.eventsCommitted(tenant);
                handled = pendingEvents;
            }
            restDelay.remove(feed);
        } catch (RuntimeException | Error e) {
            // A listener's failure, even an Error (an OutOfMemoryError in one tenant's catch-up), rests this tenant's
            // feed and retries it from the entry that failed; the other tenants go on.
            long delay = Math.min(30_000, Math.max(250, 2 * restDelay.getOrDefault(feed, 0L)));
            restDelay.put(feed, delay);
            restingUntil.put(feed, System.currentTimeMillis() + delay);
            LOG.warnf("change feed of tenant %s: %s; retried in %d ms", tenant, e.getMessage(), delay);
        } finally {
            if (handled != null) {
                cursors.put(feed, handled);
                try {
                    redis.batch(List.of(Request.cmd(Command.SET).arg(cursorKey(feed)).arg(handled),
                            readTo(feed, handled))).await().atMost(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debugf("feed cursor of tenant %s not saved: %s", tenant, e.getMessage());
                }
            }
        }
    }

    /** The {@code kind} and {@code user} fields of a feed entry (null where absent). */
    private record Notice(String kind, String user) {
        static Notice of(Response fields) {
            String kind = null;
            String user = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String name = fields.get(i).toString();
                if (name.equals("kind")) {
                    kind = fields.get(i + 1).toString();
                } else if (name.equals("user")) {
                    user = fields.get(i + 1).toString();
                }
            }
            return new Notice(kind, user);
        }
    }

    private static String readersKey(String feed) {
        return RedisKeys.feedReaders(FeedKeys.tenantOf(feed));
    }

    private String cursorKey(String feed) {
        return RedisKeys.feedCursor(FeedKeys.tenantOf(feed), consumer);
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
