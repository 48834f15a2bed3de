package dev.persona.profile.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code events}, read-only through Hibernate (bulk writes go through {@link BulkSql}). */
@Entity
@Table(name = "events")
public class EventEntity {

    @Id
    public long seq;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "item_id")
    public String itemId;

    public short type;

    public double value;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "recommendation_id")
    public String recommendationId;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
