package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static io.github.keycloakfractal.fractal.kyc.KycStatus.APPROVED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.CONTACTED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.PENDING;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every merge rule of {@link KycLedger#merge}: per component, newer wins, older is ignored, ties by precedence. */
class KycLedgerMergeTest {
    static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");
    static final Instant NOW = T0.plusSeconds(3600);

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static KycObservation seen(String level, KycStatus status, Instant at, KycSource source) {
        return KycObservation.of(KycLevel.parse(level), status, at, source);
    }

    static KycLedger after(KycObservation... observations) {
        KycLedger ledger = KycLedger.empty();
        for (KycObservation observation : observations) {
            ledger = ledger.merge(observation, NOW).ledger();
        }
        return ledger;
    }

    @Test
    void aFirstDecisionIsStoredWithItsTimeAndSource() {
        KycMerge merge = KycLedger.empty().merge(seen("basic+liveness", APPROVED, t(1), KycSource.WEBHOOK), NOW);

        assertThat(merge.change()).isEqualTo(KycMerge.Change.CHANGED);
        assertThat(merge.duplicate()).isFalse();
        assertThat(merge.ledger().decisions()).containsOnlyKeys("basic", "liveness");
        assertThat(merge.ledger().decision("basic")).contains(new KycDecision(APPROVED, t(1), KycSource.WEBHOOK));
    }

    @Test
    void aNewerDecisionWinsAndAnOlderOneIsIgnored() {
        KycLedger approved = after(seen("plus", APPROVED, t(10), KycSource.WEBHOOK));

        KycMerge newer = approved.merge(seen("plus", REJECTED, t(20), KycSource.WEBHOOK), NOW);
        assertThat(newer.change()).isEqualTo(KycMerge.Change.CHANGED);
        assertThat(newer.ledger().decision("plus").orElseThrow().status()).isEqualTo(REJECTED);

        KycMerge older = newer.ledger().merge(seen("plus", APPROVED, t(15), KycSource.WEBHOOK), NOW);
        assertThat(older.change()).isEqualTo(KycMerge.Change.NOTHING);
        assertThat(older.superseded()).containsExactly("plus");
        assertThat(older.duplicate()).isFalse();
        assertThat(older.ledger()).isEqualTo(newer.ledger());
    }

    @Test
    void theSameDecisionAgainIsADuplicateAndChangesNothing() {
        KycObservation webhook = seen("basic", APPROVED, t(5), KycSource.WEBHOOK);
        KycLedger once = after(webhook);

        KycMerge retry = once.merge(webhook, NOW);

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.change()).isEqualTo(KycMerge.Change.NOTHING);
        assertThat(retry.ledger()).isEqualTo(once);
        assertThat(retry.superseded()).isEmpty();
    }

    @Test
    void anObservationWithOneNewComponentIsNoDuplicate() {
        KycLedger basic = after(seen("basic", APPROVED, t(5), KycSource.WEBHOOK));

        KycMerge merge = basic.merge(seen("basic+liveness", APPROVED, t(5), KycSource.WEBHOOK), NOW);

        assertThat(merge.duplicate()).isFalse();
        assertThat(merge.change()).isEqualTo(KycMerge.Change.CHANGED);
        assertThat(merge.ledger().decisions()).containsOnlyKeys("basic", "liveness");
    }

    @ParameterizedTest(name = "{0} beats {1} at the same time")
    @CsvSource({"APPROVED,REJECTED", "APPROVED,PENDING", "REJECTED,EXPIRED", "EXPIRED,CONTACTED", "CONTACTED,PENDING", "REJECTED,CONTACTED"})
    void decisionsOfTheSameTimeAreSettledByPrecedenceInEitherOrder(KycStatus stronger, KycStatus weaker) {
        List<List<KycSource>> sourcePairs = List.of(List.of(KycSource.WEBHOOK, KycSource.RECONCILIATION),
                List.of(KycSource.RECONCILIATION, KycSource.WEBHOOK), List.of(KycSource.BROKER_LOGIN, KycSource.BROKER_LOGIN));
        for (List<KycSource> sources : sourcePairs) {
            KycObservation strong = seen("basic", stronger, t(7), sources.get(0));
            KycObservation weak = seen("basic", weaker, t(7), sources.get(1));

            assertThat(after(strong, weak).decision("basic").orElseThrow().status()).as("%s", sources).isEqualTo(stronger);
            assertThat(after(weak, strong).decision("basic").orElseThrow().status()).as("%s", sources).isEqualTo(stronger);
            assertThat(after(strong).merge(weak, NOW).superseded()).as("%s", sources).containsExactly("basic");
        }
    }

    @Test
    void theSameTimeAndStatusFromAnotherSourceOnlyRefreshesAndEndsTheSameInEitherOrder() {
        KycObservation login = seen("basic", APPROVED, t(7), KycSource.BROKER_LOGIN);
        KycObservation webhook = seen("basic", APPROVED, t(7), KycSource.WEBHOOK);

        assertThat(after(login, webhook)).isEqualTo(after(webhook, login));
        assertThat(after(login, webhook).decision("basic").orElseThrow().source())
                .as("the source sorting last by its value breaks the tie").isEqualTo(KycSource.WEBHOOK);
        assertThat(after(login).merge(webhook, NOW).change()).isEqualTo(KycMerge.Change.REFRESHED);
        assertThat(after(webhook).merge(login, NOW).change()).isEqualTo(KycMerge.Change.NOTHING);
    }

    @Test
    void aLaterObservationOfTheSameStatusRefreshesTheTime() {
        KycLedger approved = after(seen("basic", APPROVED, t(1), KycSource.WEBHOOK));

        KycMerge login = approved.merge(seen("basic", APPROVED, t(100), KycSource.BROKER_LOGIN), NOW);

        assertThat(login.change()).isEqualTo(KycMerge.Change.REFRESHED);
        assertThat(login.ledger().decision("basic")).contains(new KycDecision(APPROVED, t(100), KycSource.BROKER_LOGIN));
        assertThat(login.ledger().merge(seen("basic", REJECTED, t(50), KycSource.WEBHOOK), NOW).superseded())
                .as("a webhook older than what the login saw").containsExactly("basic");
    }

    @Test
    void componentsAnObservationDoesNotNameAreKept() {
        KycLedger basicLiveness = after(seen("basic", APPROVED, t(1), KycSource.WEBHOOK), seen("liveness", APPROVED, t(1), KycSource.WEBHOOK));

        KycLedger upgradeRejected = basicLiveness.merge(seen("plus", REJECTED, t(50), KycSource.WEBHOOK), NOW).ledger();

        assertThat(upgradeRejected.decisions()).containsOnlyKeys("basic", "liveness", "plus");
        assertThat(upgradeRejected.decision("basic").orElseThrow().status()).isEqualTo(APPROVED);
    }

    @Test
    void anEmptyObservationChangesNothingAndIsNoDuplicate() {
        KycLedger ledger = after(seen("basic", PENDING, t(1), KycSource.BROKER_LOGIN));

        KycMerge merge = ledger.merge(KycObservation.empty(t(2), KycSource.BROKER_LOGIN), NOW);

        assertThat(merge.change()).isEqualTo(KycMerge.Change.NOTHING);
        assertThat(merge.duplicate()).isFalse();
        assertThat(merge.ledger()).isEqualTo(ledger);
    }

    @Test
    void mergingLeavesTheOriginalLedgerAsItWas() {
        KycLedger before = after(seen("basic", PENDING, t(1), KycSource.BROKER_LOGIN));
        List<String> stored = before.encode();

        before.merge(seen("basic", APPROVED, t(2), KycSource.WEBHOOK), NOW);

        assertThat(before.encode()).isEqualTo(stored);
    }

    @Test
    void observationsUpToFiveMinutesAheadAreAcceptedLaterOnesRefused() {
        KycLedger ledger = after(seen("basic", PENDING, t(1), KycSource.BROKER_LOGIN));
        Instant edge = NOW.plus(KycLedger.FUTURE_TOLERANCE);

        assertThat(ledger.merge(seen("basic", APPROVED, edge, KycSource.WEBHOOK), NOW).change()).isEqualTo(KycMerge.Change.CHANGED);
        assertThatThrownBy(() -> ledger.merge(seen("basic", APPROVED, edge.plusNanos(1), KycSource.WEBHOOK), NOW))
                .isInstanceOf(FutureObservationException.class);
        assertThatThrownBy(() -> ledger.merge(seen("basic", APPROVED, Instant.MAX, KycSource.WEBHOOK), NOW))
                .isInstanceOf(FutureObservationException.class);
        assertThat(ledger.decision("basic").orElseThrow().status()).as("the refused one changed nothing").isEqualTo(PENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z"})
    void extremeInstantsNeverOverflow(String text) {
        Instant extreme = Instant.parse(text);
        KycLedger ledger = after(seen("basic", APPROVED, T0, KycSource.WEBHOOK));

        for (Instant now : List.of(extreme, Instant.MAX, Instant.MIN, Instant.EPOCH, NOW)) {
            try {
                KycMerge merge = ledger.merge(seen("basic", REJECTED, extreme, KycSource.WEBHOOK), now);
                boolean newer = extreme.isAfter(T0);
                assertThat(merge.ledger().decision("basic").orElseThrow().status()).isEqualTo(newer ? REJECTED : APPROVED);
                assertThat(merge.ledger().derive().updatedAt()).contains(newer ? extreme : T0);
                assertThat(KycLedger.decode(merge.ledger().encode()).ledger()).isEqualTo(merge.ledger());
            } catch (FutureObservationException refused) {
                assertThat(extreme).as("refused only when beyond now + 5 minutes").isAfter(now.plus(KycLedger.FUTURE_TOLERANCE));
            }
        }
    }

    @Test
    void withTheClockAtTheEndOfTimeNothingIsInTheFuture() {
        KycMerge merge = KycLedger.empty().merge(seen("basic", CONTACTED, Instant.MAX, KycSource.WEBHOOK), Instant.MAX);

        assertThat(merge.ledger().derive().status()).contains(CONTACTED);
    }

    @Test
    void joinIsWhatMergingBothSidesGives() {
        KycObservation a = seen("basic+liveness", APPROVED, t(1), KycSource.WEBHOOK);
        KycObservation b = seen("plus+liveness", REJECTED, t(2), KycSource.WEBHOOK);

        assertThat(after(a).join(after(b))).isEqualTo(after(a, b)).isEqualTo(after(b, a));
    }
}
