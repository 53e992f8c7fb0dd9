package io.github.keycloakfractal.fractal.kyc;

import java.util.Locale;

/**
 * Which input path observed a KYC decision; recorded per level in the ledger and in audit events. {@link #MIGRATION}
 * marks decisions rebuilt from the attributes of a version that kept only the overall status; {@link #ADMIN_RECHECK}
 * an admin's one-user comparison with Fractal's statistics (a scheduled run is {@link #RECONCILIATION}).
 */
public enum KycSource {
    BROKER_LOGIN, WEBHOOK, KRAKEN_WEBHOOK, KRAKEN_RETURN, CREDENTIAL_PROOF, RECONCILIATION, MIGRATION, ADMIN_RECHECK;

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The source {@link #value()} spells, as stored in the ledger. */
    public static KycSource parse(String value) {
        for (KycSource source : values()) {
            if (source.value().equals(value)) {
                return source;
            }
        }
        throw new UnknownKycValueException("unknown KYC source '" + Excerpt.of(value) + "'");
    }
}
