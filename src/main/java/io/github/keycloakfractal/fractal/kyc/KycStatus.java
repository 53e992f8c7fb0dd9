package io.github.keycloakfractal.fractal.kyc;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * Where a user's KYC stands. Exactly one status holds at a time; {@code contacted} means Fractal waits for the user,
 * {@code pending} that the user waits for Fractal, {@code expired} that a document ran out after approval.
 */
public enum KycStatus {
    APPROVED, PENDING, CONTACTED, REJECTED, EXPIRED;

    /**
     * Fractal's precedence when two decisions of the same moment disagree, weakest first: pending, contacted,
     * expired, rejected, approved. The same order settles cases of one observation that name the same component,
     * ties in the ledger, and the status of several main levels, so none of them depends on arrival order.
     */
    public static final Comparator<KycStatus> PRECEDENCE = Comparator.comparingInt(KycStatus::rank);

    private int rank() {
        return switch (this) {
            case PENDING -> 0;
            case CONTACTED -> 1;
            case EXPIRED -> 2;
            case REJECTED -> 3;
            case APPROVED -> 4;
        };
    }

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
        throw new UnknownKycValueException("unknown KYC status '" + Excerpt.of(value) + "'");
    }

    /** The legacy webhook types that carry a decision ({@code verification_approved} and so on). */
    public static KycStatus fromWebhookType(String type) {
        return switch (type == null ? "" : type) {
            case "verification_approved" -> APPROVED;
            case "verification_rejected" -> REJECTED;
            case "verification_contacted" -> CONTACTED;
            default -> throw new UnknownKycValueException("not a verification webhook type: '" + Excerpt.of(type) + "'");
        };
    }

    /**
     * The strongest of several statuses by {@link #PRECEDENCE}: an approval anywhere counts, then a rejection, an
     * expiry, a question to the user, and pending last.
     *
     * @throws UnknownKycValueException when there is none
     */
    public static KycStatus strongest(Collection<KycStatus> statuses) {
        return statuses.stream().max(PRECEDENCE).orElseThrow(() -> new UnknownKycValueException("no KYC status reported"));
    }

    /** Kraken knows approved, pending and rejected (token exchange, status endpoint, webhooks). */
    public static KycStatus fromKraken(String state) {
        KycStatus status = parse(state);
        if (status == CONTACTED || status == EXPIRED) {
            throw new UnknownKycValueException("Kraken has no KYC state '" + Excerpt.of(state) + "'");
        }
        return status;
    }
}
