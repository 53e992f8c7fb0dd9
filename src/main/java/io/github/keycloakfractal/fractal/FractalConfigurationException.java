package io.github.keycloakfractal.fractal;

/** A setting an admin chose cannot work; the message says which and why, and never carries a secret. */
public final class FractalConfigurationException extends IllegalArgumentException {
    public FractalConfigurationException(String message) {
        super(message);
    }
}
