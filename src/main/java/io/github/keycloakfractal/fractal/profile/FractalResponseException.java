package io.github.keycloakfractal.fractal.profile;

/** Fractal answered with something the contract does not allow (for example user info without a uid). */
public final class FractalResponseException extends RuntimeException {
    public FractalResponseException(String message) {
        super(message);
    }
}
