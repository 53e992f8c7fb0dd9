package io.github.keycloakfractal.keycloak.sync;

import org.keycloak.models.KeycloakSession;

/**
 * One reconciliation per realm and provider at a time, cluster-wide (Keycloak's single-use store). The marker
 * expires on its own after an hour, so a node that died mid-run does not block the next one for good.
 */
final class RunLock {
    private static final long MAX_RUN_SECONDS = 3600;

    private RunLock() {
    }

    static boolean acquire(KeycloakSession session, String realmId, String alias) {
        return session.singleUseObjects().putIfAbsent(key(realmId, alias), MAX_RUN_SECONDS);
    }

    static void release(KeycloakSession session, String realmId, String alias) {
        session.singleUseObjects().remove(key(realmId, alias));
    }

    private static String key(String realmId, String alias) {
        return "fractal-reconcile-running:" + realmId + ":" + alias;
    }
}
