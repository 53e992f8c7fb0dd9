package io.github.keycloakfractal.fractal.credentials;

/** Why a Fractal proof was not accepted. Each maps to one of the checks of Fractal's verifier contract. */
public enum ProofFailure {
    /** The response or one of its fields is not what Fractal sends (missing field, bad hex, unparsable credential). */
    MALFORMED,
    /** The proof does not recover to the expected Fractal signer: forged, altered, or from the other environment. */
    WRONG_SIGNER,
    /** Fractal vouched for another wallet than the one the user proved to control. */
    WRONG_SUBJECT,
    /** The proof's {@code validUntil} has passed ({@code now >= validUntil}). */
    EXPIRED,
    /** The KYC approval is older than the configured maximum age ({@code now >= approvedAt + maxAge}). */
    TOO_OLD
}
