package dev.persona.profile.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Items of a tenant. */
@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<ItemEntity, ItemEntity.Key> {

    public Optional<ItemEntity> find(String tenant, String itemId) {
        return findByIdOptional(new ItemEntity.Key(tenant, itemId));
    }
}
