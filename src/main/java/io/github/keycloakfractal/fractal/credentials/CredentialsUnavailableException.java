package io.github.keycloakfractal.fractal.credentials;

/** The Credentials API could not be asked, or answered something it does not document. Never carries a signature. */
public final class CredentialsUnavailableException extends Exception {
    public CredentialsUnavailableException(String message) {
        super(message);
    }
}
