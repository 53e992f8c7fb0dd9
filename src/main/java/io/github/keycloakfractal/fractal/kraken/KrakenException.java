package io.github.keycloakfractal.fractal.kraken;

/** Kraken could not be asked (not configured, unreachable) or answered something unusable. Never carries a credential. */
public final class KrakenException extends Exception {
    public KrakenException(String message) {
        super(message);
    }
}
