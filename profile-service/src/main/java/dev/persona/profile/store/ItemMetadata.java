package dev.persona.profile.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.persona.profile.config.ProfileConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items' category and tags, cached per replica (bounded, expiring) because every profile needs them for
 * every item its user touched: one query for the misses instead of a join per event. Writes through this
 * replica invalidate at once; writes through another replica are seen after {@code persona.profile.item-cache-ttl}.
 */
@ApplicationScoped
public class ItemMetadata {

    /** What a profile needs of an item. */
    public record Meta(String category, String[] tags) {
        static final Meta NONE = new Meta("", new String[0]);
    }

    private final Cache<String, Meta> cache;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    public ItemMetadata(ProfileConfig config) {
        cache = Caffeine.newBuilder().maximumSize(config.profile().itemCacheSize())
                .expireAfterWrite(config.profile().itemCacheTtl()).build();
    }

    /** The metadata of each item (items that do not exist get empty metadata). */
    public Map<String, Meta> get(Connection c, String tenant, Collection<String> itemIds) throws SQLException {
        Map<String, Meta> out = new HashMap<>(itemIds.size() * 2);
        List<String> misses = new ArrayList<>();
        for (String id : itemIds) {
            Meta m = cache.getIfPresent(key(tenant, id));
            if (m == null) {
                misses.add(id);
            } else {
                out.put(id, m);
            }
        }
        if (misses.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT item_id, category, tags FROM items WHERE tenant_id = ? AND item_id = ANY(?)")) {
            ps.setString(1, tenant);
            ps.setArray(2, c.createArrayOf("text", misses.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array tags = rs.getArray(3);
                    Meta m = new Meta(rs.getString(2), tags == null ? new String[0] : (String[]) tags.getArray());
                    out.put(rs.getString(1), m);
                    cache.put(key(tenant, rs.getString(1)), m);
                }
            }
        }
        for (String id : misses) {
            out.putIfAbsent(id, Meta.NONE);
        }
        return out;
    }

    /** Forgets the items of this tenant (after they were written). */
    public void invalidate(String tenant, Collection<String> itemIds) {
        for (String id : itemIds) {
            cache.invalidate(key(tenant, id));
        }
    }

    private static String key(String tenant, String itemId) {
        return tenant + '\t' + itemId;
    }
}
