package dev.persona.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads of a user's events, and their erasure. */
@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<EventEntity, Long> {

    /** The newest events first, starting strictly before (occurredAt, seq) when given. */
    public List<EventEntity> newestFirst(String tenant, String userId, OffsetDateTime beforeTime, long beforeSeq, int size) {
        Sort sort = Sort.descending("occurredAt", "seq");
        if (beforeTime == null) {
            return find("tenantId = ?1 and userId = ?2", sort, tenant, userId).page(Page.ofSize(size)).list();
        }
        return find("tenantId = ?1 and userId = ?2 and (occurredAt < ?3 or (occurredAt = ?3 and seq < ?4))",
                sort, tenant, userId, beforeTime, beforeSeq).page(Page.ofSize(size)).list();
    }

    /** The oldest events first, strictly after seq {@code afterSeq}. */
    public List<EventEntity> oldestFirst(String tenant, String userId, long afterSeq, int size) {
        return find("tenantId = ?1 and userId = ?2 and seq > ?3", Sort.ascending("seq"), tenant, userId, afterSeq)
                .page(Page.ofSize(size)).list();
    }

    public long deleteUser(String tenant, String userId) {
        return delete("tenantId = ?1 and userId = ?2", tenant, userId);
    }
}
