package io.github.keycloakfractal.fractal.kyc;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What merging one observation into a ledger did: the new ledger, the kind of change, whether the observation was a
 * duplicate (every decision it carries was already stored identically, e.g. a webhook retry), and the components whose
 * observed decision lost to the stored one (a late webhook: answered as already superseded, changes nothing).
 */
public record KycMerge(KycLedger ledger, Change change, boolean duplicate, SortedSet<String> superseded) {

    /** How the ledger changed. */
    public enum Change {
        /** The ledger is the same. */
        NOTHING,
        /** Only times or sources moved forward; every stored status is the same (a login confirming a decision). */
        REFRESHED,
        /** A component got a different status, or its first one. */
        CHANGED
    }

    public KycMerge {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(change, "change");
        superseded = Collections.unmodifiableSortedSet(new TreeSet<>(superseded));
    }
}
