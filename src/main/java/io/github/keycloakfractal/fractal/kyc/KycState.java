package io.github.keycloakfractal.fractal.kyc;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user's KYC state as one observation: the status, the approved level and add-on components (empty unless
 * approved), Fractal's note (rejection reason), where it was seen and when. Observations are compared by time so an
 * older one never overwrites a newer one.
 *
 * @deprecated one observation replaced the whole state, so the order of arrival changed the result. Paths now
 * produce a {@link KycObservation}, merge it into the user's {@link KycLedger}, and read the status and levels from
 * {@link KycLedger#derive()}.
 */
@Deprecated
public record KycState(KycStatus status, SortedSet<String> levels, Optional<String> note, KycSource source, Instant observedAt) {

    public KycState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        levels = Collections.unmodifiableSortedSet(status == KycStatus.APPROVED ? new TreeSet<>(levels) : new TreeSet<>());
        note = note == null ? Optional.empty() : note.filter(n -> !n.isBlank());
    }

    /** @deprecated use {@link KycObservation#of} or {@link KycObservation#with} and {@link KycLedger#merge}. */
    @Deprecated
    public static KycState of(KycStatus status, Collection<KycLevel> approved, String note, KycSource source, Instant observedAt) {
        SortedSet<String> levels = new TreeSet<>();
        approved.forEach(level -> levels.addAll(level.components()));
        return new KycState(status, levels, Optional.ofNullable(note), source, observedAt);
    }

    /** True when this observation was made before {@code other}; equal times are not older (idempotent re-apply). */
    public boolean isOlderThan(Instant other) {
        return other != null && observedAt.isBefore(other);
    }
}
