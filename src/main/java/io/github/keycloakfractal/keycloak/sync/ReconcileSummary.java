package io.github.keycloakfractal.keycloak.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconciliation run did: users checked (linked users compared with Fractal), changed (a state applied),
 * unknown (listed by Fractal, not linked in the realm; counted, never created), failed (unreadable or not
 * applicable), plus Kraken users re-checked. A run that could not ask Fractal carries the error and changed nobody.
 */
public record ReconcileSummary(String provider, String trigger, Instant startedAt, Instant finishedAt, int checked, int changed,
                               int unknown, int failed, int krakenChecked, Optional<String> error) {

    public boolean succeeded() {
        return error.isEmpty();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", provider);
        json.put("trigger", trigger);
        json.put("started_at", startedAt.toString());
        json.put("finished_at", finishedAt.toString());
        json.put("checked", checked);
        json.put("changed", changed);
        json.put("unknown", unknown);
        json.put("failed", failed);
        json.put("kraken_checked", krakenChecked);
        json.put("outcome", succeeded() ? "completed" : "failed");
        error.ifPresent(message -> json.put("error", message));
        return json;
    }
}
