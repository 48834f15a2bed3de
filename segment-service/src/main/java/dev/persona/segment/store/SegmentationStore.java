package dev.persona.segment.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.persona.api.v1.Segmentation;
import dev.persona.common.error.ApiError;
import dev.persona.segment.grouping.Grouped.Placement;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Segmentations and their members in PostgreSQL. A segmentation row holds the Segmentation as the API returns it
 * (JSON) and its placement; members are one row per user with their segment and distance, written in bulk.
 */
@ApplicationScoped
public class SegmentationStore {

    private static final int MEMBER_CHUNK = 20_000;

    private static final String INSERT_MEMBERS = """
            INSERT INTO segment_members (tenant_id, segmentation_id, user_id, segment_id, distance)
            SELECT ?, ?, x.u, x.s, x.d FROM unnest(?::text[], ?::text[], ?::float8[]) AS x(u, s, d)""";

    private static final String MEMBER = """
            SELECT segment_id, distance FROM segment_members
            WHERE tenant_id = ? AND segmentation_id = ? AND user_id = ?""";

    private static final String MEMBERS = """
            SELECT user_id, segment_id FROM segment_members
            WHERE tenant_id = ? AND segmentation_id = ? AND (cardinality(?::text[]) = 0 OR segment_id = ANY(?::text[]))
            ORDER BY user_id""";

    private static final String ERASE = "DELETE FROM segment_members WHERE tenant_id = ? AND user_id = ?";

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
            .preservingProtoFieldNames();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final AgroalDataSource dataSource;

    public SegmentationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored segmentation with what places newcomers. */
    public record Stored(Segmentation segmentation, Placement placement) {
    }

    /** One page of segmentations and the token of the next (empty on the last). */
    public record Page(List<Segmentation> segmentations, String nextToken) {
    }

    /** A user's build-time assignment. */
    public record Member(String segmentId, double distance) {
    }

    /**
     * Stores a segmentation and its members in one transaction.
     *
     * @param userIds the members, with {@code segmentIds[i]} and {@code distances[i]} for {@code userIds[i]}
     */
    @Transactional
    public void save(String tenant, Segmentation segmentation, Placement placement, List<String> userIds,
                     String[] segmentIds, double[] distances) {
        SegmentationEntity row = new SegmentationEntity();
        row.tenantId = tenant;
        row.segmentationId = segmentation.getSegmentationId();
        row.createdAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(segmentation.getCreatedAt().getSeconds(),
                segmentation.getCreatedAt().getNanos()), ZoneOffset.UTC);
        row.algorithm = segmentation.getAlgorithm().name();
        row.body = json(segmentation);
        row.scaler = PlacementCodec.write(placement);
        row.persist();
        row.flush();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_MEMBERS)) {
            for (int from = 0; from < userIds.size(); from += MEMBER_CHUNK) {
                int to = Math.min(userIds.size(), from + MEMBER_CHUNK);
                Double[] d = new Double[to - from];
                String[] s = new String[to - from];
                for (int i = from; i < to; i++) {
                    d[i - from] = distances[i];
                    s[i - from] = segmentIds[i];
                }
                ps.setString(1, tenant);
                ps.setString(2, segmentation.getSegmentationId());
                ps.setArray(3, c.createArrayOf("text", userIds.subList(from, to).toArray()));
                ps.setArray(4, c.createArrayOf("text", s));
                ps.setArray(5, c.createArrayOf("float8", d));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The segmentation, if stored. */
    public Optional<Segmentation> find(String tenant, String segmentationId) {
        return stored(tenant, segmentationId).map(Stored::segmentation);
    }

    /** The segmentation and its placement, if stored. */
    @Transactional
    public Optional<Stored> stored(String tenant, String segmentationId) {
        SegmentationEntity row = SegmentationEntity.findById(new SegmentationEntity.Key(tenant, segmentationId));
        return row == null ? Optional.empty()
                : Optional.of(new Stored(parse(row.body), PlacementCodec.read(row.scaler)));
    }

    /**
     * Newest first, a page at a time. The token names the last row of the previous page.
     *
     * @throws ApiError INVALID_ARGUMENT on {@code page_token} when the token is malformed
     */
    @Transactional
    public Page list(String tenant, int pageSize, String token) {
        List<SegmentationEntity> rows;
        if (token.isEmpty()) {
            rows = SegmentationEntity.<SegmentationEntity>find(
                    "tenantId = ?1 order by createdAt desc, segmentationId desc", tenant).page(0, pageSize + 1).list();
        } else {
            Cursor after = Cursor.decode(token);
            rows = SegmentationEntity.<SegmentationEntity>find("tenantId = ?1 and (createdAt < ?2 or (createdAt = ?2 "
                            + "and segmentationId < ?3)) order by createdAt desc, segmentationId desc", tenant,
                    after.createdAt(), after.segmentationId()).page(0, pageSize + 1).list();
        }
        List<Segmentation> out = new ArrayList<>();
        for (int i = 0; i < Math.min(pageSize, rows.size()); i++) {
            out.add(parse(rows.get(i).body));
        }
        String next = "";
        if (rows.size() > pageSize) {
            SegmentationEntity last = rows.get(pageSize - 1);
            next = new Cursor(last.createdAt, last.segmentationId).encode();
        }
        return new Page(out, next);
    }

    /** The user's assignment at build time, or null when the user was not in the build (or was erased). */
    public Member member(String tenant, String segmentationId, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MEMBER)) {
            ps.setString(1, tenant);
            ps.setString(2, segmentationId);
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Member(rs.getString(1), rs.getDouble(2)) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Streams the members of some segments (every segment when {@code segmentIds} is empty), ordered by user id.
     * Runs in a transaction so the rows arrive in chunks rather than all at once.
     */
    @Transactional
    public void members(String tenant, String segmentationId, Collection<String> segmentIds,
                        BiConsumer<String, String> each) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MEMBERS)) {
            ps.setFetchSize(10_000);
            Object[] ids = segmentIds.toArray();
            ps.setString(1, tenant);
            ps.setString(2, segmentationId);
            ps.setArray(3, c.createArrayOf("text", ids));
            ps.setArray(4, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Removes a user from every segmentation of the tenant; returns the rows removed. */
    @Transactional
    public int erase(String tenant, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ERASE)) {
            ps.setString(1, tenant);
            ps.setString(2, userId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(SQLException e) {
        return ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
    }

    static String json(Segmentation s) {
        try {
            return PRINTER.print(s);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static Segmentation parse(String json) {
        Segmentation.Builder b = Segmentation.newBuilder();
        try {
            PARSER.merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored segmentation is not readable", e);
        }
        return b.build();
    }

    /** Position in the newest-first order. */
    record Cursor(OffsetDateTime createdAt, String segmentationId) {

        String encode() {
            Instant t = createdAt.toInstant();
            String raw = t.getEpochSecond() + ":" + t.getNano() + ":" + segmentationId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] parts = raw.split(":", 3);
                Instant t = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                return new Cursor(OffsetDateTime.ofInstant(t, ZoneOffset.UTC), parts[2]);
            } catch (RuntimeException e) {
                throw ApiError.invalid("page_token", "malformed page token: pass the next_page_token of the "
                        + "previous page, or empty for the first page");
            }
        }
    }
}
