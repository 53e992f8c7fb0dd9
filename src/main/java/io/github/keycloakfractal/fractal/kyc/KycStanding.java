package io.github.keycloakfractal.fractal.kyc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where a user stands, derived from their {@link KycLedger} by one rule: the status ({@code fractal_kyc_status} and
 * the status role), the components whose level role is granted (also the value of {@code fractal_kyc_levels}), and
 * the time of the newest decision ({@code fractal_kyc_updated_at}).
 *
 * <p>The rule, for a ledger of per-component decisions:
 * <ol>
 *   <li>The <em>main levels</em> are {@code uniqueness}, {@code basic}, {@code plus}, {@code v1} and {@code light};
 *   every other component is an <em>add-on</em> (liveness, selfie, sow, wallet-*, ...). {@code *} is the
 *   status-only decision (a status Fractal gave without naming a level).</li>
 *   <li>The <em>current</em> main decisions are all named main decisions; when there is a status-only decision,
 *   only those at or after its time. (The status-only decision is Fractal's last word about the main levels until a
 *   named main decision at or after its time arrives; the named ones before it are superseded by it.)</li>
 *   <li>Status: with current main decisions, the strongest of them by precedence approved &gt; rejected &gt;
 *   expired &gt; contacted &gt; pending (so: approved when any main level is approved). Otherwise the status-only
 *   decision's status, if there is one. Otherwise, with add-on decisions only, the strongest of them with an approval
 *   counting as pending: an add-on alone never approves a user. An empty ledger has no status.</li>
 *   <li>Level roles: a main level while its decision is approved and current; a main level superseded by an
 *   approved status-only decision keeps its role while its own decision is approved (nothing contradicts it). An
 *   add-on while its decision is approved and the status is approved. The status-only decision grants no role.</li>
 *   <li>Updated at: the newest time of any decision, add-ons and status-only included.</li>
 * </ol>
 * The rule reads only the ledger, so the result is the same whatever order the observations arrived in.
 */
public record KycStanding(Optional<KycStatus> status, SortedSet<String> grantedLevels, Optional<Instant> updatedAt) {

    public KycStanding {
        grantedLevels = Collections.unmodifiableSortedSet(new TreeSet<>(grantedLevels));
    }

    public boolean isApproved() {
        return status.filter(KycStatus.APPROVED::equals).isPresent();
    }

    static KycStanding of(SortedMap<String, KycDecision> decisions) {
        KycDecision statusOnly = decisions.get(KycLedger.STATUS_ONLY);
        List<Map.Entry<String, KycDecision>> current = new ArrayList<>();
        List<Map.Entry<String, KycDecision>> superseded = new ArrayList<>();
        List<Map.Entry<String, KycDecision>> addOns = new ArrayList<>();
        for (Map.Entry<String, KycDecision> entry : decisions.entrySet()) {
            if (entry.getKey().equals(KycLedger.STATUS_ONLY)) {
                continue;
            }
            if (!KycLevel.isMainLevel(entry.getKey())) {
                addOns.add(entry);
            } else if (statusOnly == null || !entry.getValue().at().isBefore(statusOnly.at())) {
                current.add(entry);
            } else {
                superseded.add(entry);
            }
        }
        SortedSet<String> granted = new TreeSet<>();
        Optional<KycStatus> status;
        if (!current.isEmpty()) {
            status = Optional.of(KycStatus.strongest(current.stream().map(e -> e.getValue().status()).toList()));
            current.stream().filter(KycStanding::approved).forEach(e -> granted.add(e.getKey()));
        } else if (statusOnly != null) {
            status = Optional.of(statusOnly.status());
            if (statusOnly.status() == KycStatus.APPROVED) {
                superseded.stream().filter(KycStanding::approved).forEach(e -> granted.add(e.getKey()));
            }
        } else if (!addOns.isEmpty()) {
            status = Optional.of(KycStatus.strongest(addOns.stream().map(e -> e.getValue().status())
                    .map(s -> s == KycStatus.APPROVED ? KycStatus.PENDING : s).toList()));
        } else {
            status = Optional.empty();
        }
        if (status.filter(KycStatus.APPROVED::equals).isPresent()) {
            addOns.stream().filter(KycStanding::approved).forEach(e -> granted.add(e.getKey()));
        }
        Optional<Instant> updatedAt = decisions.values().stream().map(KycDecision::at).max(Instant::compareTo);
        return new KycStanding(status, granted, updatedAt);
    }

    private static boolean approved(Map.Entry<String, KycDecision> entry) {
        return entry.getValue().status() == KycStatus.APPROVED;
    }
}
