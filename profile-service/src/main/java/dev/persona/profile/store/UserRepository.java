package dev.persona.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Users of a tenant. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UserEntity.Key> {

    public Optional<UserEntity> find(String tenant, String userId) {
        return findByIdOptional(new UserEntity.Key(tenant, userId));
    }

    /** Users with an id greater than {@code afterUserId}, by id. */
    public List<UserEntity> pageAfter(String tenant, String afterUserId, int size) {
        return find("tenantId = ?1 and userId > ?2", Sort.by("userId"), tenant, afterUserId)
                .page(Page.ofSize(size)).list();
    }

    public boolean delete(String tenant, String userId) {
        return delete("tenantId = ?1 and userId = ?2", tenant, userId) > 0;
    }
}
