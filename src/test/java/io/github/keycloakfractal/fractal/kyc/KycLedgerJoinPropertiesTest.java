package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging is a join: commutative, associative, idempotent, and merging observations one by one in any order, with
 * any duplicates, gives the join of all of them. Random but seeded; a failure names its seed.
 */
class KycLedgerJoinPropertiesTest {
    private static final long SEED = 20261130L;
    private static final int ROUNDS = 2_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(3_600);
    private static final List<String> LEVELS = List.of("basic", "plus", "uniqueness", "basic+liveness", "plus+liveness+selfie",
            "liveness", "selfie", "wallet-eth", "plus+sow");

    /** Few distinct times, so ties of time (and of time and status) are frequent. */
    private static KycObservation observation(Random random) {
        Instant at = T0.plusSeconds(10L * random.nextInt(6));
        KycSource source = KycSource.values()[random.nextInt(KycSource.values().length)];
        if (random.nextInt(8) == 0) {
            return KycObservation.statusOnly(status(random), at, source);
        }
        KycObservation seen = KycObservation.empty(at, source);
        for (int i = random.nextInt(3); i >= 0; i--) {
            seen = seen.with(KycLevel.parse(LEVELS.get(random.nextInt(LEVELS.size()))), status(random));
        }
        return seen;
    }

    private static KycStatus status(Random random) {
        return KycStatus.values()[random.nextInt(KycStatus.values().length)];
    }

    private static KycLedger ledger(Random random) {
        KycLedger ledger = KycLedger.empty();
        for (int i = random.nextInt(4); i > 0; i--) {
            ledger = ledger.merge(observation(random), NOW).ledger();
        }
        return ledger;
    }

    @Test
    void joinIsCommutativeAssociativeAndIdempotent() {
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED + round;
            Random random = new Random(seed);
            KycLedger a = ledger(random);
            KycLedger b = ledger(random);
            KycLedger c = ledger(random);

            assertThat(a.join(b)).as("commutative, seed %d", seed).isEqualTo(b.join(a));
            assertThat(a.join(b).join(c)).as("associative, seed %d", seed).isEqualTo(a.join(b.join(c)));
            assertThat(a.join(a)).as("idempotent, seed %d", seed).isEqualTo(a);
            assertThat(a.join(KycLedger.empty())).as("the empty ledger is neutral, seed %d", seed).isEqualTo(a);
        }
    }

    @Test
    void anyOrderAndAnyDuplicatesOfTheSameObservationsGiveTheSameLedgerAndStanding() {
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED + round;
            Random random = new Random(seed);
            List<KycObservation> observations = new ArrayList<>();
            for (int i = 2 + random.nextInt(8); i > 0; i--) {
                observations.add(observation(random));
            }
            KycLedger expected = KycLedger.empty();
            for (KycObservation observation : observations) {
                expected = expected.join(KycLedger.empty().merge(observation, NOW).ledger());
            }
            List<KycObservation> delivered = new ArrayList<>(observations);
            for (int i = random.nextInt(4); i > 0; i--) {
                delivered.add(observations.get(random.nextInt(observations.size())));
            }
            Collections.shuffle(delivered, random);
            KycLedger ledger = KycLedger.empty();
            for (KycObservation observation : delivered) {
                ledger = ledger.merge(observation, NOW).ledger();
            }

            assertThat(ledger).as("seed %d", seed).isEqualTo(expected);
            assertThat(ledger.derive()).as("seed %d", seed).isEqualTo(expected.derive());
        }
    }

    @Test
    void aMergeNeverLowersAStoredDecisionAndAnObservationAlreadyMergedChangesNothing() {
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED + round;
            Random random = new Random(seed);
            KycLedger before = ledger(random);
            KycObservation observation = observation(random);

            KycMerge merge = before.merge(observation, NOW);

            before.decisions().forEach((component, stored) -> assertThat(KycDecision.ORDER.compare(merge.ledger().decisions().get(component), stored))
                    .as("seed %d, %s", seed, component).isGreaterThanOrEqualTo(0));
            KycMerge again = merge.ledger().merge(observation, NOW);
            assertThat(again.change()).as("seed %d", seed).isEqualTo(KycMerge.Change.NOTHING);
            assertThat(again.ledger()).as("seed %d", seed).isEqualTo(merge.ledger());
            assertThat(merge.change() == KycMerge.Change.NOTHING).as("seed %d", seed).isEqualTo(merge.ledger().equals(before));
        }
    }
}
