package io.github.keycloakfractal.keycloak.kyc;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;

import java.util.List;
import java.util.Map;

/**
 * Serializes changes of one user's KYC state across threads and cluster nodes: a row lock on the user's database row
 * ({@code SELECT ... FOR UPDATE}, in each database's own syntax through JPA), held until the transaction ends, then the
 * user read again from the database. Without it two deliveries for one user both read the old state and the last
 * commit wins (or both insert the same attribute values). Everything that writes KYC state holds this lock, so after
 * acquiring it nothing of the user's attributes can change under us; what this transaction had read before is
 * refreshed, and the user cache is bypassed for the rest of it.
 */
final class UserLock {
    /** How long to wait for another transaction's lock on the same user before giving up (then the caller retries). */
    static final int TIMEOUT_MILLIS = 10_000;
    private static final Map<String, Object> WAIT = Map.of("jakarta.persistence.lock.timeout", TIMEOUT_MILLIS);

    private UserLock() {
    }

    /** The user, locked and read afresh; the user as given when it has no row of its own (a federated user without local storage). */
    static UserModel lock(KeycloakSession session, RealmModel realm, UserModel user) {
        JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class);
        if (jpa == null) {
            return user;
        }
        EntityManager em = jpa.getEntityManager();
        UserEntity entity = em.find(UserEntity.class, user.getId());
        if (entity == null) {
            return user;
        }
        boolean attributesRead = em.getEntityManagerFactory().getPersistenceUnitUtil().isLoaded(entity, "attributes");
        em.flush();
        em.refresh(entity, LockModeType.PESSIMISTIC_WRITE, WAIT);
        if (attributesRead) {
            // refresh reloads the collection, but rows this transaction had loaded keep their old values unless refreshed too
            List<UserAttributeEntity> attributes = List.copyOf(entity.getAttributes());
            attributes.forEach(em::refresh);
        }
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(realm, user);
        }
        UserModel fresh = session.users().getUserById(realm, user.getId());
        return fresh == null ? user : fresh;
    }
}
