package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form: one readable value per component, read back tolerantly. */
class KycLedgerCodecTest {

    @Test
    void oneReadableValuePerComponentSortedByComponent() {
        KycLedger ledger = KycLedger.of(Map.of(
                "liveness", new KycDecision(KycStatus.APPROVED, Instant.parse("2026-11-30T01:02:03Z"), KycSource.WEBHOOK),
                "basic", new KycDecision(KycStatus.APPROVED, Instant.parse("2026-11-30T01:02:03Z"), KycSource.WEBHOOK),
                "*", new KycDecision(KycStatus.PENDING, Instant.parse("2019-01-01T00:00:00Z"), KycSource.MIGRATION),
                "plus", new KycDecision(KycStatus.REJECTED, Instant.parse("2026-12-01T08:00:00.123Z"), KycSource.ADMIN_RECHECK)));

        assertThat(ledger.encode()).containsExactly(
                "* pending 2019-01-01T00:00:00Z migration",
                "basic approved 2026-11-30T01:02:03Z webhook",
                "liveness approved 2026-11-30T01:02:03Z webhook",
                "plus rejected 2026-12-01T08:00:00.123Z admin-recheck");
    }

    @Test
    void everyComponentStatusSourceAndExtremeTimeRoundTripsWellUnder255Characters() {
        List<Instant> times = List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("+999999999-12-31T23:59:59Z"),
                Instant.parse("-0001-06-01T12:00:00.5Z"), Instant.parse("2026-11-30T01:02:03.123456789Z"));
        List<String> components = new ArrayList<>(KycLevel.knownComponents());
        components.add(KycLedger.STATUS_ONLY);
        int longest = 0;
        int round = 0;
        for (String component : components) {
            for (KycStatus status : KycStatus.values()) {
                for (KycSource source : KycSource.values()) {
                    Instant at = times.get(round++ % times.size());
                    KycLedger ledger = KycLedger.of(Map.of(component, new KycDecision(status, at, source)));
                    DecodedLedger decoded = KycLedger.decode(ledger.encode());
                    assertThat(decoded.ledger()).isEqualTo(ledger);
                    assertThat(decoded.unreadable()).isEmpty();
                    for (Instant extreme : List.of(Instant.MIN, Instant.MAX)) {
                        String value = KycLedger.of(Map.of(component, new KycDecision(status, extreme, source))).encode().get(0);
                        longest = Math.max(longest, value.length());
                    }
                }
            }
        }
        assertThat(longest).isLessThan(100);
    }

    @Test
    void unreadableValuesAreSkippedAndReportedTheRestIsKept() {
        List<String> stored = Arrays.asList(
                "basic approved 2026-11-30T01:02:03Z webhook",
                null, "", " ", "basic", "basic approved", "basic approved 2026-11-30T01:02:03Z",
                "gold approved 2026-11-30T01:02:03Z webhook",
                "plus maybe 2026-11-30T01:02:03Z webhook",
                "plus approved yesterday webhook",
                "plus approved 2026-13-30T01:02:03Z webhook",
                "plus approved +1000000001-01-01T00:00:00Z webhook",
                "plus approved 2026-11-30T01:02:03Z carrier-pigeon",
                "plus  approved 2026-11-30T01:02:03Z webhook",
                "plus approved 2026-11-30T01:02:03Z webhook extra",
                "plus\tapproved\t2026-11-30T01:02:03Z\twebhook",
                "plus approved 2026-11-30T01:02:03Z webhook\n",
                "\u0000\uD83D\uDE00 approved 2026-11-30T01:02:03Z webhook",
                "\uD800 approved 2026-11-30T01:02:03Z webhook",
                "x".repeat(100_000));

        DecodedLedger decoded = KycLedger.decode(stored);

        assertThat(decoded.ledger().encode()).containsExactly("basic approved 2026-11-30T01:02:03Z webhook");
        assertThat(decoded.unreadable()).hasSize(stored.size() - 1);
        assertThat(decoded.unreadable()).allSatisfy(reported -> {
            assertThat(reported.length()).as("reported values are cut short").isLessThan(80);
            assertThat(reported.chars().noneMatch(Character::isISOControl)).as("no control characters reach a log line").isTrue();
        });
    }

    @Test
    void nothingStoredIsTheEmptyLedger() {
        assertThat(KycLedger.decode(null).ledger().isEmpty()).isTrue();
        assertThat(KycLedger.decode(List.of()).ledger()).isEqualTo(KycLedger.empty());
    }

    @Test
    void twoValuesForOneComponentAreJoinedWhateverTheirOrder() {
        String older = "basic rejected 2026-11-30T01:00:00Z webhook";
        String newer = "basic approved 2026-11-30T02:00:00Z broker-login";
        String tie = "basic contacted 2026-11-30T02:00:00Z webhook";

        assertThat(KycLedger.decode(List.of(older, newer, tie)).ledger().encode()).containsExactly(newer);
        assertThat(KycLedger.decode(List.of(tie, newer, older)).ledger().encode()).containsExactly(newer);
    }

    @Test
    void statusesAndSourcesAreReadAsWrittenAndTheirCaseIsForgiven() {
        Map<String, KycDecision> expected = new TreeMap<>();
        expected.put("basic", new KycDecision(KycStatus.APPROVED, Instant.parse("2026-11-30T01:02:03Z"), KycSource.KRAKEN_RETURN));

        assertThat(KycLedger.decode(List.of("basic Approved 2026-11-30T01:02:03Z kraken-return")).ledger()).isEqualTo(KycLedger.of(expected));
    }
}
