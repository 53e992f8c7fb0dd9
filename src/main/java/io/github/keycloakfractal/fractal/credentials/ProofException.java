package io.github.keycloakfractal.fractal.credentials;

import java.util.Locale;

/**
 * A Fractal proof that must not be trusted. The {@link ProofFailure} lets the caller tell a stale proof (ask the user to
 * fetch a new one) from a forged or foreign one.
 */
public final class ProofException extends IllegalArgumentException {
    private final ProofFailure failure;

    public ProofException(ProofFailure failure, String detail) {
        super(failure.name().toLowerCase(Locale.ROOT) + ": " + detail);
        this.failure = failure;
    }

    public ProofException(ProofFailure failure, String detail, Throwable cause) {
        this(failure, detail);
        initCause(cause);
    }

    public ProofFailure failure() {
        return failure;
    }
}
