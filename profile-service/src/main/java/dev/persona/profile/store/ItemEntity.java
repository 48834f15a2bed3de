package dev.persona.profile.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code items}. */
@Entity
@Table(name = "items")
@IdClass(ItemEntity.Key.class)
public class ItemEntity {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "item_id")
    public String itemId;

    public String title;

    public String category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] tags;

    public double price;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> attributes;

    public boolean active;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The primary key (tenant, item). */
    public static class Key implements Serializable {
        public String tenantId;
        public String itemId;

        public Key() {
        }

        public Key(String tenantId, String itemId) {
            this.tenantId = tenantId;
            this.itemId = itemId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenantId.equals(tenantId) && k.itemId.equals(itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, itemId);
        }
    }
}
