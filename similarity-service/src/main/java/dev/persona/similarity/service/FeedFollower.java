package dev.persona.similarity.service;

import dev.persona.common.redis.RedisKeys;
import dev.persona.similarity.config.SimilarityConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Follows every tenant's change feed (the Redis Stream {@code persona:<t>:feed} that profile-service appends to):
 * an {@code events} entry makes this replica catch its copy of the tenant's log up from ExportInteractions (when it
 * holds one); an {@code erase} entry is applied at once ({@link Erasures}). Tenants are discovered by scanning for
 * feeds. Where the feed was last read is kept in Redis per tenant ({@code persona:<t>:nbr-feed-cursor}), so a restart
 * resumes there and erasures announced while every replica was down are still applied. Every replica reads every
 * entry; what it does is idempotent.
 */
@ApplicationScoped
public class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    private static final String FEED_SUFFIX = ":feed";
    private static final int READ_COUNT = 200;

    @Inject
    Redis redis;

    @Inject
    SimilarityConfig config;

    @Inject
    LiveLogs logs;

    @Inject
    Erasures erasures;

    /** Feed key → last entry id read. */
    private final Map<String, String> cursors = new ConcurrentHashMap<>();
    private final Set<String> catchUpPending = ConcurrentHashMap.newKeySet();
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(r -> daemon(r, "persona-catch-up"));
    private volatile boolean running = true;
    private Thread loop;
    private long nextDiscovery;

    void start(@Observes StartupEvent event) {
        loop = daemon(this::run, "persona-feed");
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        catchUps.shutdownNow();
    }

    /** Tenants whose feed this replica follows. */
    public List<String> tenants() {
        List<String> tenants = new ArrayList<>();
        for (String key : cursors.keySet()) {
            tenants.add(RedisKeys.decode(key.substring("persona:".length(), key.length() - FEED_SUFFIX.length())));
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
                    nextDiscovery = System.currentTimeMillis() + config.feed().discoverEvery().toMillis();
                }
                if (cursors.isEmpty()) {
                    Thread.sleep(config.feed().block().toMillis());
                } else {
                    readOnce();
                }
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                backoff = Math.min(5_000, Math.max(250, backoff * 2));
                LOG.debugf("change feed read failed, retrying in %d ms: %s", backoff, e.getMessage());
            }
        }
    }

    private void discover() {
        String cursor = "0";
        do {
            Response page = send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("persona:*" + FEED_SUFFIX)
                    .arg("COUNT").arg(1000).arg("TYPE").arg("stream"));
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                String feed = key.toString();
                if (!cursors.containsKey(feed)) {
                    Response saved = send(Request.cmd(Command.GET).arg(cursorKey(feed)));
                    cursors.put(feed, saved == null ? "0-0" : saved.toString());
                }
            }
        } while (!"0".equals(cursor));
    }

    private void readOnce() {
        List<String> feeds = new ArrayList<>(cursors.keySet());
        Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(READ_COUNT).arg("BLOCK")
                .arg(config.feed().block().toMillis()).arg("STREAMS");
        feeds.forEach(xread::arg);
        feeds.forEach(f -> xread.arg(cursors.get(f)));
        Response streams = redis.send(xread).await().atMost(config.feed().block().plusSeconds(5));
        if (streams == null) {
            return;
        }
        for (Response stream : streams) {
            String feed = stream.get(0).toString();
            String tenant = RedisKeys.decode(feed.substring("persona:".length(), feed.length() - FEED_SUFFIX.length()));
            String last = null;
            for (Response entry : stream.get(1)) {
                handle(tenant, entry.get(1));
                last = entry.get(0).toString();
            }
            if (last != null) {
                cursors.put(feed, last);
                send(Request.cmd(Command.SET).arg(cursorKey(feed)).arg(last));
            }
        }
    }

    private void handle(String tenant, Response fields) {
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
        if ("erase".equals(kind) && user != null) {
            erasures.erase(tenant, user);
        } else if ("events".equals(kind) && logs.tenants().contains(tenant) && catchUpPending.add(tenant)) {
            catchUps.execute(() -> {
                catchUpPending.remove(tenant);
                try {
                    logs.catchUp(tenant, LiveLogs.LoadProgress.NONE);
                } catch (RuntimeException e) {
                    LOG.debugf("catch-up of tenant %s failed (retried on the next notice): %s", tenant, e.getMessage());
                }
            });
        }
    }

    private static String cursorKey(String feed) {
        return feed.substring(0, feed.length() - FEED_SUFFIX.length()) + ":nbr-feed-cursor";
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
