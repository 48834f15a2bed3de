package dev.persona.common.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The writer of the access log ({@code audit.access_log} in PostgreSQL, created by profile-service): calls add
 * entries to a bounded queue and return at once; one thread writes them in batches every
 * {@code persona.audit.flush-every}, keeps them when PostgreSQL fails and tries again, and writes what is left when the
 * service shuts down cleanly. Only a queue that overflows (PostgreSQL gone for long under load) drops entries, and
 * says how many. A service without a datasource keeps no log.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final int BATCH = 1000;
    private static final String INSERT = "INSERT INTO audit.access_log "
            + "(at, service, tenant_id, subject, roles, rpc, user_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final BlockingQueue<AccessLogEntry> queue;
    private final List<AccessLogEntry> retry = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Instance<DataSource> dataSources;
    private final boolean enabled;
    private final long flushEveryMs;
    private volatile DataSource dataSource;
    private ScheduledExecutorService writer;
    private long lastFailureLogged;

    @Inject
    public AccessLog(Instance<DataSource> dataSources, AuditConfig config) {
        this.dataSources = dataSources;
        this.enabled = dataSources.isResolvable();
        this.queue = new ArrayBlockingQueue<>(config.queueSize());
        this.flushEveryMs = Math.max(1, config.flushEvery().toMillis());
    }

    /** A log written to {@code dataSource} (tests). */
    AccessLog(DataSource dataSource, int queueSize, long flushEveryMs) {
        this.dataSources = null;
        this.enabled = true;
        this.dataSource = dataSource;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.flushEveryMs = flushEveryMs;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (dataSource == null) {
            dataSource = dataSources.get();
        }
        startWriter();
    }

    void startWriter() {
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "persona-access-log");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::flushQuietly, flushEveryMs, flushEveryMs, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
        int left = retry.size() + queue.size();
        if (left > 0) {
            LOG.errorf("%d access log entries could not be written before shutdown", left);
        }
    }

    /** Whether this service keeps the log (it has a datasource). */
    public boolean enabled() {
        return enabled;
    }

    /** Adds an entry; never blocks the call. */
    public void record(AccessLogEntry entry) {
        if (!enabled) {
            return;
        }
        if (!queue.offer(entry)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.errorf("the access log queue is full: %d entries dropped so far", n);
            }
        }
    }

    /** Writes everything queued now (also what the writer thread does periodically). */
    public synchronized void flush() throws SQLException {
        if (dataSource == null) {
            return;
        }
        while (true) {
            if (retry.isEmpty()) {
                queue.drainTo(retry, BATCH);
            }
            if (retry.isEmpty()) {
                return;
            }
            write(retry);
            retry.clear();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastFailureLogged > 60_000) {
                lastFailureLogged = now;
                LOG.warnf("the access log cannot be written yet (%s, SQLState %s); %d entries wait and are retried",
                        e.getClass().getSimpleName(), e instanceof SQLException s ? s.getSQLState() : "-",
                        retry.size() + queue.size());
            }
        }
    }

    private void write(List<AccessLogEntry> entries) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (AccessLogEntry e : entries) {
                Array roles = c.createArrayOf("text", e.roles().toArray());
                s.setTimestamp(1, Timestamp.from(e.at()));
                s.setString(2, e.service());
                s.setString(3, e.tenant());
                s.setString(4, e.subject());
                s.setArray(5, roles);
                s.setString(6, e.rpc());
                s.setString(7, e.userId());
                s.setString(8, e.outcome());
                s.addBatch();
            }
            s.executeBatch();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
