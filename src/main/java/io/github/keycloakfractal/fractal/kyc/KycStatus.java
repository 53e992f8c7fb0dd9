package io.github.keycloakfractal.fractal.kyc;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Where a user's KYC stands. Exactly one status holds at a time; {@code contacted} means Fractal waits for the user,
 * {@code pending} that the user waits for Fractal, {@code expired} that a document ran out after approval.
 */
public enum KycStatus {
    APPROVED, PENDING, CONTACTED, REJECTED, EXPIRED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A status as the statistics API, the v2 {@code credential} field and stored attributes spell it. */
    public static KycStatus parse(String value) {
        if (value != null) {
            for (KycStatus status : values()) {
                if (status.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        throw new UnknownKycValueException("unknown KYC status '" + value + "'");
    }

    /** The legacy webhook types that carry a decision ({@code verification_approved} and so on). */
    public static KycStatus fromWebhookType(String type) {
        return switch (type == null ? "" : type) {
            case "verification_approved" -> APPROVED;
            case "verification_rejected" -> REJECTED;
            case "verification_contacted" -> CONTACTED;
            default -> throw new UnknownKycValueException("not a verification webhook type: '" + type + "'");
        };
    }

    /**
     * The status a person has when Fractal reports several (one per level or add-on): an approval anywhere counts,
     * then a rejection, an expiry, a question to the user, and pending last.
     */
    public static KycStatus overall(Collection<KycStatus> statuses) {
        for (KycStatus status : List.of(APPROVED, REJECTED, EXPIRED, CONTACTED, PENDING)) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        throw new UnknownKycValueException("no KYC status reported");
    }

    /** Kraken knows approved, pending and rejected (token exchange, status endpoint, webhooks). */
    public static KycStatus fromKraken(String state) {
        KycStatus status = parse(state);
        if (status == CONTACTED || status == EXPIRED) {
            throw new UnknownKycValueException("Kraken has no KYC state '" + state + "'");
        }
        return status;
    }
}
