package io.github.keycloakfractal.keycloak.sync;

import org.keycloak.models.KeycloakSession;

/**
 * One reconciliation per realm and provider at a time, cluster-wide (Keycloak's single-use store). The marker lives
 * {@value #LIFESPAN_SECONDS} s and the run renews it as it goes ({@link #renew}, between chunks), so a node killed
 * half-way through a run blocks the next run for at most that long, and the next run then completes the work.
 *
 * <p>The store's conditional writes are immediate (not part of a transaction), which is what a lock needs; renewing is
 * a remove and a put-if-absent, so another node may take the lock in the instant between them: at worst two runs then
 * overlap, which changes nothing but work done twice (every user is merged under their own row lock).
 */
final class RunLock {
    static final long LIFESPAN_SECONDS = 120;
    private static final long RENEW_AFTER_MILLIS = 30_000;

    private RunLock() {
    }

    static boolean acquire(KeycloakSession session, String realmId, String alias) {
        return session.singleUseObjects().putIfAbsent(key(realmId, alias), LIFESPAN_SECONDS);
    }

    /** Renews a held lock when its last renewal ({@code since}, epoch millis) is 30 s old; returns the new renewal time. */
    static long renew(KeycloakSession session, String realmId, String alias, long since) {
        long now = System.currentTimeMillis();
        if (now - since < RENEW_AFTER_MILLIS) {
            return since;
        }
        String key = key(realmId, alias);
        if (session.singleUseObjects().remove(key) != null) {
            session.singleUseObjects().putIfAbsent(key, LIFESPAN_SECONDS);
        }
        return now;
    }

    static void release(KeycloakSession session, String realmId, String alias) {
        session.singleUseObjects().remove(key(realmId, alias));
    }

    private static String key(String realmId, String alias) {
        return "fractal-reconcile-running:" + realmId + ":" + alias;
    }
}
