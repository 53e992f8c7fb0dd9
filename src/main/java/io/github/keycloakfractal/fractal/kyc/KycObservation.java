package io.github.keycloakfractal.fractal.kyc;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one path saw at Fractal at one instant: a status per level and add-on component. It is merged into a user's
 * {@link KycLedger}, never stored as the user's state itself, because each path sees only part of the picture.
 *
 * <p>Paths and their observations:
 * <ul>
 *   <li>legacy webhook: the components of {@code data.level}, at {@code data.timestamp};</li>
 *   <li>broker login: every component of the listed verification cases, at the moment the user info was read;</li>
 *   <li>reconciliation: every component of the user's statistics rows, at the moment before they were fetched; the
 *   original {@code {user_id: status}} shape gives the {@linkplain #statusOnly status-only} form;</li>
 *   <li>Kraken (webhook, return, re-check): the configured journey level with Kraken's one status, at receipt;</li>
 *   <li>wallet proof: the proven level as approved, at the proof's {@code approvedAt}.</li>
 * </ul>
 * A component named twice (cases {@code basic+liveness} approved and {@code plus+liveness} rejected both name
 * {@code liveness}) keeps the stronger status by {@link KycStatus#PRECEDENCE}, so the order of cases or rows in
 * Fractal's answer does not matter.
 */
public final class KycObservation {
    private final SortedMap<String, KycStatus> components;
    private final Instant at;
    private final KycSource source;

    private KycObservation(SortedMap<String, KycStatus> components, Instant at, KycSource source) {
        this.components = Collections.unmodifiableSortedMap(components);
        this.at = Objects.requireNonNull(at, "at");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Nothing seen yet; add what was seen with {@link #with}. A login without cases stays empty. */
    public static KycObservation empty(Instant at, KycSource source) {
        return new KycObservation(new TreeMap<>(), at, source);
    }

    /** Every component of {@code level} with one status, e.g. a webhook, a Kraken journey or a proof. */
    public static KycObservation of(KycLevel level, KycStatus status, Instant at, KycSource source) {
        return empty(at, source).with(level, status);
    }

    /** A wallet proof: the proven level approved at Fractal's {@code approvedAt}; it never takes a level away. */
    public static KycObservation approval(KycLevel level, Instant approvedAt, KycSource source) {
        return of(level, KycStatus.APPROVED, approvedAt, source);
    }

    /**
     * A status Fractal gave without naming a level (only the original {@code {user_id: status}} statistics). It is
     * kept under {@link KycLedger#STATUS_ONLY}; {@link KycLedger#derive()} says how it combines with named levels.
     */
    public static KycObservation statusOnly(KycStatus status, Instant at, KycSource source) {
        TreeMap<String, KycStatus> only = new TreeMap<>();
        only.put(KycLedger.STATUS_ONLY, Objects.requireNonNull(status, "status"));
        return new KycObservation(only, at, source);
    }

    /** This observation plus {@code level} seen with {@code status}; a component seen twice keeps the stronger. */
    public KycObservation with(KycLevel level, KycStatus status) {
        Objects.requireNonNull(status, "status");
        TreeMap<String, KycStatus> more = new TreeMap<>(components);
        for (String component : level.components()) {
            more.merge(component, status, (a, b) -> KycStatus.PRECEDENCE.compare(a, b) >= 0 ? a : b);
        }
        return new KycObservation(more, at, source);
    }

    /** Component to status, sorted by component; {@link KycLedger#STATUS_ONLY} for the status-only form. */
    public SortedMap<String, KycStatus> components() {
        return components;
    }

    public Instant at() {
        return at;
    }

    public KycSource source() {
        return source;
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KycObservation that && components.equals(that.components) && at.equals(that.at)
                && source == that.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(components, at, source);
    }

    @Override
    public String toString() {
        return components + " at " + at + " by " + source.value();
    }
}
