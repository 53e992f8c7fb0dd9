package io.github.keycloakfractal.fractal.kraken;

/**
 * Kraken could not be asked (not configured, unreachable) or answered something unusable. Never carries a credential.
 * A refusal is Kraken saying no to what was asked (an unknown, used or expired one-time token, an unknown user), as
 * opposed to Kraken being unavailable: callers answer the first as bad input and the second as "try again later".
 */
public final class KrakenException extends Exception {
    private final boolean refusal;

    public KrakenException(String message) {
        this(message, false);
    }

    public KrakenException(String message, boolean refusal) {
        super(message);
        this.refusal = refusal;
    }

    public boolean isRefusal() {
        return refusal;
    }
}
