package dev.persona.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Items of a tenant. */
@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<ItemEntity, ItemEntity.Key> {

    public Optional<ItemEntity> find(String tenant, String itemId) {
        return findByIdOptional(new ItemEntity.Key(tenant, itemId));
    }

    /** Items, active or not, with an id greater than {@code afterItemId}, by id. */
    public List<ItemEntity> pageAfter(String tenant, String afterItemId, int size) {
        return find("tenantId = ?1 and itemId > ?2", Sort.by("itemId"), tenant, afterItemId)
                .page(Page.ofSize(size)).list();
    }
}
