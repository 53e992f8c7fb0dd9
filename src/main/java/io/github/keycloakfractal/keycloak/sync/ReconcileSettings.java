package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import io.github.keycloakfractal.fractal.FractalEnvironment;

import java.util.Map;
import java.util.Optional;

/**
 * The provider's reconciliation settings: where Fractal's statistics API is (the environment's resource host unless
 * overridden) and how often to reconcile on a schedule (off unless set).
 */
public record ReconcileSettings(Optional<String> statsUrl, int intervalMinutes) {
    public static final String STATS_URL = "statsUrl";
    public static final String INTERVAL_MINUTES = "reconcileIntervalMinutes";

    public static ReconcileSettings from(Map<String, String> config) {
        Optional<String> url = Optional.ofNullable(config.get(STATS_URL)).map(String::trim).filter(value -> !value.isEmpty())
                .or(() -> FractalEnvironment.fromConfig(config.get("environment")).statsUrl());
        String interval = config.get(INTERVAL_MINUTES);
        int minutes = 0;
        if (interval != null && !interval.isBlank()) {
            try {
                minutes = Integer.parseInt(interval.trim());
            } catch (NumberFormatException e) {
                minutes = -1;
            }
            if (minutes < 0 || minutes > 7 * 24 * 60) {
                throw new FractalConfigurationException("the reconciliation interval must be 0 (off) to 10080 minutes: " + interval);
            }
        }
        return new ReconcileSettings(url, minutes);
    }

    public boolean scheduled() {
        return intervalMinutes > 0;
    }
}
