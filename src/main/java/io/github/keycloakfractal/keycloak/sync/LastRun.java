package io.github.keycloakfractal.keycloak.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;

/**
 * The last reconciliation summary of each provider, in Keycloak's cluster-wide single-use store for 90 days, so every
 * node shows the same last run. Not a realm attribute: a background run writing to the realm row raced with an
 * admin deleting or editing the realm (the admin got 409), and every write invalidated the realm cache. The price:
 * a restart of the whole cluster forgets the last run until the next one.
 */
final class LastRun {
    private static final String KEY = "fractal-reconciliation-last:";
    private static final long KEEP_SECONDS = 90L * 24 * 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LastRun() {
    }

    static ReconcileSummary record(KeycloakSession session, RealmModel realm, ReconcileSummary summary) {
        try {
            session.singleUseObjects().put(key(realm, summary.provider()), KEEP_SECONDS,
                    Map.of("summary", JSON.writeValueAsString(summary.toJson())));
        } catch (JsonProcessingException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return summary;
    }

    static Optional<JsonNode> of(KeycloakSession session, RealmModel realm, String alias) {
        Map<String, String> stored = session.singleUseObjects().get(key(realm, alias));
        try {
            return stored == null || stored.get("summary") == null ? Optional.empty() : Optional.of(JSON.readTree(stored.get("summary")));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    private static String key(RealmModel realm, String alias) {
        return KEY + realm.getId() + ":" + alias;
    }
}
