package io.github.keycloakfractal.fractal.kyc;

/**
 * Fractal sent a status, level or type this extension does not know. KYC decisions gate access, so an unknown value
 * is refused and reported instead of being mapped to the nearest known one.
 */
public final class UnknownKycValueException extends IllegalArgumentException {
    public UnknownKycValueException(String message) {
        super(message);
    }
}
