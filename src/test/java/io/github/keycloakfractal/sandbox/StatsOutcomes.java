package io.github.keycloakfractal.sandbox;

import java.util.Collection;
import java.util.List;

/**
 * How the statistics API reports a verification case, and a user. Fractal documents the statistics' statuses
 * (fractal-api.md section 7) but not how they derive from a case's {@code status} and {@code credential}
 * (section 3.2), so the sandbox decides, reading the two documents together:
 * <ol>
 *   <li>the case's outcome is its {@code credential}, or, when the credential is null (the 2024-07 examples that put
 *       {@code approved}/{@code pending} in {@code status}), its {@code status};</li>
 *   <li>an outcome {@code approved}, {@code rejected} or {@code expired} is reported as it is ({@code expired} is
 *       never set by the user setters: a test sets it explicitly, e.g. {@code setCase(level, "done", "expired")});</li>
 *   <li>otherwise a case whose {@code status} is {@code contacted} (the user must act) is {@code contacted};</li>
 *   <li>anything else is {@code pending} (submitted, awaiting Fractal, including after a contact).</li>
 * </ol>
 * A user's overall status, used by the original shape and by the counts, is the best of its cases' rows in the order
 * {@code approved > rejected > expired > contacted > pending}: one approved case makes an approved user.
 */
final class StatsOutcomes {
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    static final String EXPIRED = "expired";
    static final String CONTACTED = "contacted";
    static final String PENDING = "pending";

    /** Best first. */
    static final List<String> PRECEDENCE = List.of(APPROVED, REJECTED, EXPIRED, CONTACTED, PENDING);
    /** The order the counts endpoints list them in, as in Fractal's examples (expired, undocumented there, last). */
    static final List<String> COUNT_ORDER = List.of(APPROVED, CONTACTED, REJECTED, PENDING, EXPIRED);

    private StatsOutcomes() {
    }

    /** The {@code credential} of this case's {@code user-verifications} row. */
    static String of(VerificationCase verificationCase) {
        return of(verificationCase.status(), verificationCase.credential());
    }

    static String of(String status, String credential) {
        String outcome = credential != null ? credential : status;
        if (APPROVED.equals(outcome) || REJECTED.equals(outcome) || EXPIRED.equals(outcome)) {
            return outcome;
        }
        return CONTACTED.equals(status) ? CONTACTED : PENDING;
    }

    /** The best of these row credentials by {@link #PRECEDENCE}; {@code pending} for none. */
    static String overall(Collection<String> credentials) {
        for (String outcome : PRECEDENCE) {
            if (credentials.contains(outcome)) {
                return outcome;
            }
        }
        return PENDING;
    }
}
