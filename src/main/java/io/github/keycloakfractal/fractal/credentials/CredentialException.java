package io.github.keycloakfractal.fractal.credentials;

/**
 * A credentials message or wallet signature Fractal would refuse, carrying Fractal's own error code so the caller can
 * answer exactly as Fractal does. The detail says which part was wrong; it never contains a secret.
 */
public final class CredentialException extends IllegalArgumentException {
    private final CredentialError error;

    public CredentialException(CredentialError error, String detail) {
        super(error.code() + ": " + detail);
        this.error = error;
    }

    public CredentialError error() {
        return error;
    }
}
