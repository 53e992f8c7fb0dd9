package io.github.keycloakfractal.fractal.kyc.model;

import io.github.keycloakfractal.fractal.kyc.FutureObservationException;
import io.github.keycloakfractal.fractal.kyc.KycDecision;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The model test of issue 11: seeded random scenarios in which Fractal decides per level and add-on over time
 * ({@link FractalTruth}), every path observes that truth at its own time through its real payload and parser
 * ({@link FractalPaths}: webhooks per component, logins showing part of the picture in either case encoding or v1,
 * statistics rows and the original status map, Kraken's journey status, wallet proofs, plus refused future-dated and
 * undated webhooks), and the payloads arrive shuffled and duplicated. After delivery, the ledger's decisions and its
 * derived status, level roles and updated-at must equal the {@link ModelOracle}'s, which is computed from the truth
 * alone; and several permutations of the same payloads must give the identical ledger. A failure names its seed.
 */
class KycLedgerModelTest {
    private static final long SEED = 112026L;
    private static final int SEQUENCES = 500;
    private static final int PERMUTATIONS = 4;
    private static final int MIN_OBSERVATIONS = 20;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void everyPathInAnyOrderWithDuplicatesEndsWhereFractalsTruthSays() {
        Map<String, Integer> delivered = new TreeMap<>();
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long seed = SEED + sequence;
            Random random = new Random(seed);
            FractalTruth truth = FractalTruth.random(random, START);
            List<FractalPaths.Sent> sent = scenario(truth, random);
            ModelOracle.Expected expected = ModelOracle.expect(truth, sent);
            KycLedger first = null;
            for (int permutation = 0; permutation < PERMUTATIONS; permutation++) {
                List<FractalPaths.Sent> order = duplicatedAndShuffled(sent, random);
                Supplier<String> context = () -> "seed " + seed + "\n" + truth + "\ndelivered:\n  " + String.join("\n  ", order.stream().map(Object::toString).toList());
                KycLedger ledger = deliver(order, truth.end(), context);
                order.forEach(one -> delivered.merge(one.path(), 1, Integer::sum));

                assertThat(ledger.decisions().keySet()).as(context).containsExactlyElementsOf(expected.statuses().keySet());
                expected.statuses().forEach((component, status) -> {
                    KycDecision decision = ledger.decisions().get(component);
                    assertThat(decision.status()).as(() -> component + " status, " + context.get()).isEqualTo(status);
                    assertThat(decision.at()).as(() -> component + " time, " + context.get()).isEqualTo(expected.times().get(component));
                });
                KycStanding standing = ledger.derive();
                assertThat(standing.status()).as(() -> "status, " + context.get()).isEqualTo(expected.status());
                assertThat(standing.grantedLevels()).as(() -> "level roles, " + context.get()).containsExactlyElementsOf(expected.granted());
                assertThat(standing.updatedAt()).as(() -> "updated at, " + context.get()).isEqualTo(expected.updatedAt());
                if (first == null) {
                    first = ledger;
                } else {
                    assertThat(ledger).as(() -> "another permutation, " + context.get()).isEqualTo(first);
                }
            }
        }
        System.out.println("KycLedgerModelTest: " + SEQUENCES + " sequences x " + PERMUTATIONS + " permutations, payloads delivered per path: " + delivered);
        assertThat(delivered.keySet()).as("every path took part")
                .contains("webhook", "login", "statistics rows", "statistics map", "kraken", "wallet proof", "undated webhook");
    }

    /** Every path at random times; refused payloads now and then; at least {@value #MIN_OBSERVATIONS} payloads. */
    private static List<FractalPaths.Sent> scenario(FractalTruth truth, Random random) {
        List<FractalPaths.Sent> sent = new ArrayList<>(FractalPaths.webhooks(truth, random));
        for (int i = 2 + random.nextInt(4); i > 0; i--) {
            sent.add(FractalPaths.login(truth, truth.randomTime(random), random));
        }
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            sent.add(FractalPaths.rows(truth, truth.randomTime(random), random));
        }
        if (random.nextInt(3) == 0) {
            FractalPaths.statusMap(truth, truth.randomTime(random)).ifPresent(sent::add);
        }
        for (int i = 0; i < 4; i++) {
            FractalPaths.kraken(truth, truth.randomTime(random)).ifPresent(sent::add);
            FractalPaths.walletProof(truth, truth.randomTime(random), random).ifPresent(sent::add);
        }
        if (random.nextInt(3) == 0) {
            Instant future = random.nextBoolean() ? truth.end().plusSeconds(301 + random.nextInt(100_000)) : Instant.parse("+999999999-12-31T23:59:59Z");
            sent.add(FractalPaths.webhook("basic", KycStatus.REJECTED, future, truth.end(), true));
        }
        if (random.nextInt(4) == 0) {
            sent.add(FractalPaths.undatedWebhook(truth));
        }
        while (sent.size() < MIN_OBSERVATIONS) {
            sent.add(FractalPaths.login(truth, truth.randomTime(random), random));
        }
        return sent;
    }

    /** Fractal retries and the network reorders: some payloads come twice or three times, all in a random order. */
    private static List<FractalPaths.Sent> duplicatedAndShuffled(List<FractalPaths.Sent> sent, Random random) {
        List<FractalPaths.Sent> order = new ArrayList<>(sent);
        for (FractalPaths.Sent one : sent) {
            for (int copies = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0; copies > 0; copies--) {
                order.add(one);
            }
        }
        Collections.shuffle(order, random);
        return order;
    }

    private static KycLedger deliver(List<FractalPaths.Sent> order, Instant now, Supplier<String> context) {
        KycLedger ledger = KycLedger.empty();
        for (FractalPaths.Sent one : order) {
            try {
                Optional<KycObservation> observation = one.reader().read();
                if (observation.isPresent()) {
                    ledger = ledger.merge(observation.get(), now).ledger();
                }
                if (one.refused()) {
                    fail("accepted " + one + ", " + context.get());
                }
            } catch (FutureObservationException | MalformedWebhookException refused) {
                if (!one.refused()) {
                    fail("refused " + one + ": " + refused.getMessage() + ", " + context.get());
                }
            } catch (Exception unexpected) {
                throw new AssertionError("while delivering " + one + ", " + context.get(), unexpected);
            }
        }
        return ledger;
    }
}
