package io.github.keycloakfractal.fractal.kyc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A user's KYC state as Fractal decides it: per level and add-on, the latest {@link KycDecision} any path observed.
 * Fractal decides and notifies per level (a basic+liveness decision arrives as two webhooks, in any order), and each
 * path sees only part of the picture, so every path {@linkplain #merge merges} what it saw and none replaces the
 * state. The status, level roles and attributes are {@linkplain #derive() derived} from the ledger by one rule.
 *
 * <p>Merging keeps, per component, the greater decision by {@link KycDecision#ORDER} (newer wins; at the same time the
 * stronger status; then the source). Components an observation does not name are kept: a login lists only the cases
 * of the scopes the application asked for, and a webhook names one level. Hence merging is a join: commutative
 * ({@code a.join(b) = b.join(a)}), associative and idempotent ({@code a.join(a) = a}), and the ledger after any set of
 * observations is the same whatever the order of delivery or the number of duplicates.
 *
 * <p>Immutable; stored as one human-readable string per component ({@link #encode()}, {@link #decode(List)}).
 */
public final class KycLedger {
    /** The component that holds a status Fractal gave without naming a level (the original statistics shape). */
    public static final String STATUS_ONLY = "*";
    /** How far in the future an observation may be dated (clocks disagree); later ones are refused. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final KycLedger EMPTY = new KycLedger(new TreeMap<>());

    private final SortedMap<String, KycDecision> decisions;

    private KycLedger(SortedMap<String, KycDecision> decisions) {
        this.decisions = Collections.unmodifiableSortedMap(decisions);
    }

    public static KycLedger empty() {
        return EMPTY;
    }

    /** A ledger holding exactly these decisions; every component must be a known one or {@link #STATUS_ONLY}. */
    public static KycLedger of(Map<String, KycDecision> decisions) {
        TreeMap<String, KycDecision> copy = new TreeMap<>();
        decisions.forEach((component, decision) -> {
            if (!isComponent(component)) {
                throw new UnknownKycValueException("unknown KYC component '" + Excerpt.of(component) + "'");
            }
            copy.put(component, Objects.requireNonNull(decision, "decision"));
        });
        return new KycLedger(copy);
    }

    /**
     * The ledger of a user stored by the version that kept only {@code fractal_kyc_status}, {@code fractal_kyc_levels}
     * (approved components, empty unless approved) and {@code fractal_kyc_updated_at}, such that {@link #derive()}
     * gives the same status and level roles that version granted. Every decision is dated {@code updatedAt}, or the
     * epoch when it is missing or unreadable (older than any real decision, so every new observation wins).
     * An approval naming a main level becomes one approval per stored component; any other status, or an approval
     * naming add-ons only, becomes a status-only decision (plus the approved add-ons), which the first named main
     * decision replaces, just as the next observation replaced the whole state before. Unknown level names are
     * dropped: they never had a role. No status at all gives the empty ledger.
     *
     * @throws UnknownKycValueException when the stored status is not one this extension writes
     */
    public static KycLedger fromLegacy(String status, Collection<String> levels, String updatedAt) {
        if (status == null || status.isBlank()) {
            return EMPTY;
        }
        KycStatus stored = KycStatus.parse(status);
        Instant at = LedgerCodec.instant(updatedAt).orElse(Instant.EPOCH);
        TreeMap<String, KycDecision> decisions = new TreeMap<>();
        KycDecision approved = new KycDecision(KycStatus.APPROVED, at, KycSource.MIGRATION);
        SortedSet<String> known = new TreeSet<>();
        if (stored == KycStatus.APPROVED && levels != null) {
            levels.stream().filter(KycLevel::isKnownComponent).forEach(known::add);
        }
        known.forEach(component -> decisions.put(component, approved));
        if (known.stream().noneMatch(KycLevel::isMainLevel)) {
            decisions.put(STATUS_ONLY, new KycDecision(stored, at, KycSource.MIGRATION));
        }
        return new KycLedger(decisions);
    }

    /**
     * Reads stored values back, tolerantly: a value that cannot be read is skipped and reported, never thrown. Two
     * values for one component are joined like any merge.
     */
    public static DecodedLedger decode(List<String> values) {
        return LedgerCodec.decode(values);
    }

    /** One value per component, sorted, e.g. {@code basic approved 2026-11-30T01:02:03Z webhook}; each under 100 characters. */
    public List<String> encode() {
        return LedgerCodec.encode(decisions);
    }

    /**
     * Merges what one path observed: per component, the observed decision wins when it is newer than the stored one
     * (or as new with a stronger status); otherwise it is ignored. Components not observed are kept.
     *
     * @param now the receiving clock, only to refuse observations dated beyond {@link #FUTURE_TOLERANCE}
     * @throws FutureObservationException when the observation is dated more than five minutes after {@code now}
     */
    public KycMerge merge(KycObservation observation, Instant now) {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(now, "now");
        requireNotFuture(observation.at(), now);
        TreeMap<String, KycDecision> next = new TreeMap<>(decisions);
        SortedSet<String> superseded = new TreeSet<>();
        boolean changed = false;
        boolean refreshed = false;
        boolean duplicate = !observation.isEmpty();
        for (Map.Entry<String, KycStatus> seen : observation.components().entrySet()) {
            KycDecision incoming = new KycDecision(seen.getValue(), observation.at(), observation.source());
            KycDecision stored = decisions.get(seen.getKey());
            if (incoming.equals(stored)) {
                continue;
            }
            duplicate = false;
            if (stored == null || incoming.supersedes(stored)) {
                next.put(seen.getKey(), incoming);
                changed |= stored == null || stored.status() != incoming.status();
                refreshed = true;
            } else {
                superseded.add(seen.getKey());
            }
        }
        KycMerge.Change change = changed ? KycMerge.Change.CHANGED : refreshed ? KycMerge.Change.REFRESHED : KycMerge.Change.NOTHING;
        return new KycMerge(change == KycMerge.Change.NOTHING ? this : new KycLedger(next), change, duplicate, superseded);
    }

    /** The join of two ledgers: per component the greater decision. What merging every observation of both gives. */
    public KycLedger join(KycLedger other) {
        TreeMap<String, KycDecision> joined = new TreeMap<>(decisions);
        other.decisions.forEach((component, decision) -> joined.merge(component, decision, KycDecision::join));
        return new KycLedger(joined);
    }

    /** The status, granted level roles and time of the newest decision, by the rule written on {@link KycStanding}. */
    public KycStanding derive() {
        return KycStanding.of(decisions);
    }

    /** Component to decision, sorted by component. */
    public SortedMap<String, KycDecision> decisions() {
        return decisions;
    }

    public Optional<KycDecision> decision(String component) {
        return Optional.ofNullable(decisions.get(component));
    }

    public boolean isEmpty() {
        return decisions.isEmpty();
    }

    static boolean isComponent(String component) {
        return STATUS_ONLY.equals(component) || KycLevel.isKnownComponent(component);
    }

    /**
     * Refuses a time of Fractal's (a decision, an email change, a proof's approval) dated more than
     * {@link #FUTURE_TOLERANCE} after {@code now}: stored, it would outrank every later decision. Without overflow:
     * {@code now} near {@link Instant#MAX} has no representable future beyond the tolerance.
     *
     * @throws FutureObservationException when it is
     */
    public static void requireNotFuture(Instant at, Instant now) {
        if (now.isBefore(Instant.MAX.minus(FUTURE_TOLERANCE)) && at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new FutureObservationException("a time of " + at + " is more than " + FUTURE_TOLERANCE.toMinutes() + " minutes in the future");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KycLedger that && decisions.equals(that.decisions);
    }

    @Override
    public int hashCode() {
        return decisions.hashCode();
    }

    @Override
    public String toString() {
        return encode().toString();
    }
}
