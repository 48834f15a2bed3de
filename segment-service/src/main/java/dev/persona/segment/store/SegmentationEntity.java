package dev.persona.segment.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code segmentations}: the Segmentation as the API returns it, and its placement (both JSON). */
@Entity
@Table(name = "segmentations")
@IdClass(SegmentationEntity.Key.class)
public class SegmentationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "segmentation_id")
    public String segmentationId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public String algorithm;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String body;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String scaler;

    /** The primary key (tenant, segmentation). */
    public static class Key implements Serializable {
        public String tenantId;
        public String segmentationId;

        public Key() {
        }

        public Key(String tenantId, String segmentationId) {
            this.tenantId = tenantId;
            this.segmentationId = segmentationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenantId.equals(tenantId) && k.segmentationId.equals(segmentationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, segmentationId);
        }
    }
}
