package io.github.keycloakfractal.keycloak.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/**
 * The last reconciliation summary of each provider, kept as a realm attribute: stored with the realm in the
 * database, so every node of a cluster (and an admin after a restart) sees the same last run.
 */
final class LastRun {
    private static final String ATTRIBUTE = "fractal.reconciliation.last.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LastRun() {
    }

    static ReconcileSummary record(RealmModel realm, ReconcileSummary summary) {
        try {
            realm.setAttribute(ATTRIBUTE + summary.provider(), JSON.writeValueAsString(summary.toJson()));
        } catch (JsonProcessingException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return summary;
    }

    static Optional<JsonNode> of(RealmModel realm, String alias) {
        String stored = realm.getAttribute(ATTRIBUTE + alias);
        try {
            return stored == null ? Optional.empty() : Optional.of(JSON.readTree(stored));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }
}
