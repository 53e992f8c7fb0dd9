package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.kyc.DecodedLedger;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user's stored Fractal KYC state, read once from the {@code fractal_*} attributes into types. Every reader (the
 * status endpoint, the required action, admin operations, reconciliation, the token mapper) goes through this view;
 * only {@link KycApplier} writes the attributes. An attribute an admin edited into something unreadable reads as
 * absent (status, times), never as a guess.
 */
public record StoredKyc(Optional<KycStatus> status, SortedSet<String> levels, Optional<String> note, Optional<Instant> updatedAt,
                        List<String> decisions, Optional<String> krakenId, Optional<String> wallet, Optional<String> country,
                        Optional<Boolean> accreditedInvestor, Optional<String> accountType, Optional<String> credentialValidUntil,
                        Optional<String> fractalId, Optional<Instant> emailChangedAt) {
    private static final Logger LOG = Logger.getLogger(StoredKyc.class);

    public StoredKyc {
        levels = Collections.unmodifiableSortedSet(new TreeSet<>(levels));
        decisions = List.copyOf(decisions);
    }

    public static StoredKyc of(UserModel user) {
        return from(user.getAttributes());
    }

    /** From a user's attribute map (as {@link UserModel#getAttributes()} returns it). */
    public static StoredKyc from(Map<String, List<String>> attributes) {
        Map<String, List<String>> all = attributes == null ? Map.of() : attributes;
        return new StoredKyc(first(all, KycAttributes.STATUS).flatMap(StoredKyc::status),
                new TreeSet<>(all.getOrDefault(KycAttributes.LEVELS, List.of())),
                first(all, KycAttributes.NOTE),
                first(all, KycAttributes.UPDATED_AT).flatMap(StoredKyc::instant),
                all.getOrDefault(KycAttributes.DECISIONS, List.of()).stream().filter(java.util.Objects::nonNull).toList(),
                first(all, KycAttributes.KRAKEN_ID),
                first(all, KycAttributes.WALLET_ADDRESS),
                first(all, KycAttributes.COUNTRY),
                first(all, KycAttributes.ACCREDITED_INVESTOR).map(Boolean::valueOf),
                first(all, KycAttributes.ACCOUNT_TYPE),
                first(all, KycAttributes.CREDENTIAL_VALID_UNTIL),
                first(all, KycAttributes.FRACTAL_ID),
                first(all, KycAttributes.EMAIL_CHANGED_AT).flatMap(StoredKyc::instant));
    }

    /**
     * The per-level state. A user stored by a version that kept only the overall status has no decisions yet: their
     * ledger is rebuilt from the status, levels and time (same status and roles), and written at the next change.
     * Stored values that cannot be read (edited by hand) are skipped and logged, never guessed.
     */
    public KycLedger ledger() {
        if (decisions.isEmpty()) {
            try {
                return KycLedger.fromLegacy(status.map(KycStatus::value).orElse(null), levels, updatedAt.map(Instant::toString).orElse(null));
            } catch (UnknownKycValueException unreadable) {
                return KycLedger.empty();
            }
        }
        DecodedLedger decoded = KycLedger.decode(decisions);
        if (!decoded.unreadable().isEmpty()) {
            LOG.warnf("Skipped %d unreadable value(s) of %s", decoded.unreadable().size(), KycAttributes.DECISIONS);
        }
        return decoded.ledger();
    }

    public boolean approved() {
        return status.filter(KycStatus.APPROVED::equals).isPresent();
    }

    /** The level and add-on components the user holds approved now; empty unless their status is approved. */
    public SortedSet<String> approvedLevels() {
        return approved() ? levels : Collections.emptySortedSet();
    }

    /**
     * Whether the user's wallet credential has ended: its {@code validUntil} has passed or cannot be read. A user
     * without a credential has nothing to expire (an admin may grant the role by hand).
     */
    public boolean walletExpired(Instant now) {
        return credentialValidUntil.isPresent() && credentialValidUntil.flatMap(StoredKyc::instant).map(end -> !now.isBefore(end)).orElse(true);
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Optional<KycStatus> status(String value) {
        try {
            return Optional.of(KycStatus.parse(value));
        } catch (UnknownKycValueException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
