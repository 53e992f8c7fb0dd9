package io.github.keycloakfractal.keycloak.kyc;

import java.util.List;

/** The {@code fractal_*} user attributes of the data model; only the extension and admins write them. */
public final class KycAttributes {
    public static final String UID = "fractal_uid";
    public static final String KRAKEN_ID = "fractal_kraken_id";
    public static final String STATUS = "fractal_kyc_status";
    public static final String LEVELS = "fractal_kyc_levels";
    public static final String NOTE = "fractal_kyc_note";
    public static final String UPDATED_AT = "fractal_kyc_updated_at";
    /** The per-level state everything above derives from: one value per level and add-on, e.g. {@code basic approved 2026-11-30T01:02:03Z webhook}. */
    public static final String DECISIONS = "fractal_kyc_decisions";
    public static final String FULL_NAME = "fractal_full_name";
    public static final String COUNTRY = "fractal_country";
    public static final String ACCREDITED_INVESTOR = "fractal_accredited_investor";
    public static final String ACCOUNT_TYPE = "fractal_account_type";
    public static final String COMPANY_NAME = "fractal_company_name";
    public static final String WALLET_ADDRESS = "fractal_wallet_address";
    public static final String FRACTAL_ID = "fractal_id";
    public static final String CREDENTIAL = "fractal_credential";
    public static final String CREDENTIAL_VALID_UNTIL = "fractal_credential_valid_until";
    /** Fractal's time of the last {@code email_changed} webhook applied, so an older (replayed) one is refused. */
    public static final String EMAIL_CHANGED_AT = "fractal_email_changed_at";

    /** All of them, in the order the user profile shows them. */
    public static final List<String> ALL = List.of(STATUS, LEVELS, NOTE, UPDATED_AT, DECISIONS, UID, KRAKEN_ID, ACCOUNT_TYPE, FULL_NAME,
            COMPANY_NAME, COUNTRY, ACCREDITED_INVESTOR, WALLET_ADDRESS, FRACTAL_ID, CREDENTIAL, CREDENTIAL_VALID_UNTIL, EMAIL_CHANGED_AT);

    /** Attributes that hold several values. */
    public static final List<String> MULTIVALUED = List.of(LEVELS, DECISIONS);

    private KycAttributes() {
    }
}
