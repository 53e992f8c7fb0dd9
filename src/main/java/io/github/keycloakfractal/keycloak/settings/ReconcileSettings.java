package io.github.keycloakfractal.keycloak.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's reconciliation settings: where Fractal's statistics API is (the environment's resource host unless
 * overridden) and how often to reconcile on a schedule (off unless set).
 */
public record ReconcileSettings(Optional<String> statsUrl, int intervalMinutes) {
    public static final Setting INTERVAL_MINUTES = Setting.text("reconcileIntervalMinutes", "Reconciliation interval (minutes)",
            "Compare every linked user with Fractal's statistics this often and repair drift. Empty or 0: off. "
                    + "Needs the client-credentials grant with client.stats:read for this client at Fractal.");
    public static final Setting STATS_URL = Setting.text("statsUrl", "Statistics URL override",
            "Leave empty to use the environment's statistics API (RESOURCE/v2/stats).");

    static final List<Setting> SETTINGS = List.of(INTERVAL_MINUTES, STATS_URL);

    public static ReconcileSettings from(Map<String, String> config) {
        Optional<String> url = STATS_URL.url(config).or(() -> ClientSettings.environment(config).statsUrl());
        long minutes = INTERVAL_MINUTES.number(config, 0, 7 * 24 * 60, "the reconciliation interval (0 is off)").orElse(0L);
        return new ReconcileSettings(url, (int) minutes);
    }

    public boolean scheduled() {
        return intervalMinutes > 0;
    }
}
