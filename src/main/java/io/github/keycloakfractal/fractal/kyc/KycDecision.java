package io.github.keycloakfractal.fractal.kyc;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Fractal's decision about one level or add-on as one path saw it: the status, Fractal's time for it (a webhook's
 * {@code timestamp}, a proof's {@code approvedAt}, or the moment a path read Fractal's current state) and the path.
 *
 * <p>Decisions of one component are totally ordered by {@link #ORDER}: the later time wins; at the same time the
 * stronger status by {@link KycStatus#PRECEDENCE}; at the same time and status the source whose {@link
 * KycSource#value()} sorts last. Keeping the greater of two decisions is therefore a join (commutative, associative,
 * idempotent), which is what makes a user's ledger independent of the order and number of deliveries. The source
 * only breaks ties so that the join is total; it never changes a status or a role.
 */
public record KycDecision(KycStatus status, Instant at, KycSource source) {
    public static final Comparator<KycDecision> ORDER = Comparator.comparing(KycDecision::at)
            .thenComparing(KycDecision::status, KycStatus.PRECEDENCE)
            .thenComparing(decision -> decision.source().value());

    public KycDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
    }

    /** True when this decision wins over {@code other} by {@link #ORDER}; a decision never supersedes itself. */
    public boolean supersedes(KycDecision other) {
        return ORDER.compare(this, other) > 0;
    }

    /** The greater of the two by {@link #ORDER}. */
    static KycDecision join(KycDecision a, KycDecision b) {
        return b.supersedes(a) ? b : a;
    }
}
