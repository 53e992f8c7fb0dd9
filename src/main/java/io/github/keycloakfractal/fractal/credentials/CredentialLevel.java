package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;

import java.util.Locale;

/**
 * The base level a Credentials API message or proof is about, in increasing order of what Fractal checked
 * ({@code uniqueness < basic < plus}). It decides which country restrictions a message may carry (fractal-api.md
 * section 4): none for uniqueness, citizenship for basic, citizenship and residency for plus. The historical levels
 * {@code v1} and {@code light}, and a lone add-on, are no credential levels.
 */
public enum CredentialLevel {
    UNIQUENESS(false, false),
    BASIC(true, false),
    PLUS(true, true);

    private final boolean citizenshipRestriction;
    private final boolean residencyRestriction;

    CredentialLevel(boolean citizenshipRestriction, boolean residencyRestriction) {
        this.citizenshipRestriction = citizenshipRestriction;
        this.residencyRestriction = residencyRestriction;
    }

    /** The level name as Fractal writes it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allowsCitizenshipRestriction() {
        return citizenshipRestriction;
    }

    public boolean allowsResidencyRestriction() {
        return residencyRestriction;
    }

    public boolean isAtLeast(CredentialLevel other) {
        return compareTo(other) >= 0;
    }

    /** A bare level name such as {@code plus}; anything else is {@code invalid_level}. */
    public static CredentialLevel parse(String text) {
        for (CredentialLevel level : values()) {
            if (level.value().equals(text)) {
                return level;
            }
        }
        throw new CredentialException(CredentialError.INVALID_LEVEL, "not a credential level: '" + text + "'");
    }

    /**
     * The base of a full level string such as {@code plus+liveness}, after checking the whole string as Fractal does:
     * every add-on known, and {@code selfie} refused under {@code uniqueness}, where Fractal does not offer it.
     */
    public static CredentialLevel of(String levelText) {
        KycLevel level;
        try {
            level = KycLevel.parse(levelText);
        } catch (UnknownKycValueException unknown) {
            throw new CredentialException(CredentialError.INVALID_LEVEL, unknown.getMessage());
        }
        return of(level);
    }

    /** As {@link #of(String)}, for an already parsed level. */
    public static CredentialLevel of(KycLevel level) {
        if (level.components().isEmpty()) {
            throw new CredentialException(CredentialError.INVALID_LEVEL, "empty level");
        }
        CredentialLevel base = parse(level.components().get(0));
        if (base == UNIQUENESS && level.components().contains("selfie")) {
            throw new CredentialException(CredentialError.INVALID_LEVEL, "the selfie add-on is not available for uniqueness");
        }
        return base;
    }
}
