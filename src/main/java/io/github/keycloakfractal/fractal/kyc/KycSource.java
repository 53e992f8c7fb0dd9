package io.github.keycloakfractal.fractal.kyc;

import java.util.Locale;

/** Which input path observed a KYC state; recorded on the user and in audit events. */
public enum KycSource {
    BROKER_LOGIN, WEBHOOK, KRAKEN_WEBHOOK, KRAKEN_RETURN, CREDENTIAL_PROOF, RECONCILIATION;

    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
