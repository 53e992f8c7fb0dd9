package io.github.keycloakfractal.fractal.kyc;

/**
 * An observation dated further in the future than clocks can disagree ({@link KycLedger#FUTURE_TOLERANCE}). Merged,
 * it would outrank every real decision until that date, so it is refused and changes nothing; callers answer 400.
 */
public final class FutureObservationException extends IllegalArgumentException {
    public FutureObservationException(String message) {
        super(message);
    }
}
