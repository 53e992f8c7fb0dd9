package io.github.keycloakfractal.fractal.stats;

/** The statistics API could not be asked (no token, unreachable) or answered something unusable. Never carries a secret. */
public final class StatsException extends Exception {
    public StatsException(String message) {
        super(message);
    }
}
