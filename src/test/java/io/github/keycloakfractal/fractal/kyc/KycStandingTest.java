package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static io.github.keycloakfractal.fractal.kyc.KycStatus.APPROVED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.CONTACTED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.EXPIRED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.PENDING;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.REJECTED;
import static io.github.keycloakfractal.fractal.kyc.KycLedgerMergeTest.NOW;
import static io.github.keycloakfractal.fractal.kyc.KycLedgerMergeTest.after;
import static io.github.keycloakfractal.fractal.kyc.KycLedgerMergeTest.seen;
import static io.github.keycloakfractal.fractal.kyc.KycLedgerMergeTest.t;
import static org.assertj.core.api.Assertions.assertThat;

/** The derivation rule written on {@link KycStanding}, one clause at a time, with the issue's scenarios. */
class KycStandingTest {

    /** A ledger from "component status seconds" triples, e.g. {@code "basic approved 1", "* rejected 5"}. */
    private static KycLedger ledger(String... decisions) {
        Map<String, KycDecision> map = new TreeMap<>();
        for (String text : decisions) {
            String[] parts = text.split(" ");
            map.put(parts[0], new KycDecision(KycStatus.parse(parts[1]), t(Integer.parseInt(parts[2])), KycSource.WEBHOOK));
        }
        return KycLedger.of(map);
    }

    private static void assertStanding(KycLedger ledger, KycStatus status, String... granted) {
        KycStanding standing = ledger.derive();
        assertThat(standing.status()).as("status of %s", ledger).contains(status);
        assertThat(standing.grantedLevels()).as("level roles of %s", ledger).containsExactlyInAnyOrder(granted);
    }

    @Test
    void anEmptyLedgerHasNoStatusNoLevelsAndNoTime() {
        KycStanding standing = KycLedger.empty().derive();

        assertThat(standing.status()).isEmpty();
        assertThat(standing.grantedLevels()).isEmpty();
        assertThat(standing.updatedAt()).isEmpty();
        assertThat(standing.isApproved()).isFalse();
    }

    @Test
    void anyApprovedMainLevelApprovesAndOnlyApprovedLevelsGetTheirRole() {
        assertStanding(ledger("basic approved 1", "plus rejected 9"), APPROVED, "basic");
        assertStanding(ledger("uniqueness approved 1", "basic pending 9", "plus contacted 9"), APPROVED, "uniqueness");
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"rejected,expired", "rejected,pending", "expired,contacted", "expired,pending", "contacted,pending", "rejected,contacted"})
    void withoutAnApprovalTheStrongestMainStatusHolds(String stronger, String weaker) {
        assertStanding(ledger("basic " + stronger + " 1", "plus " + weaker + " 2"), KycStatus.parse(stronger));
        assertStanding(ledger("basic " + weaker + " 1", "plus " + stronger + " 2"), KycStatus.parse(stronger));
    }

    @Test
    void addOnsGetTheirRoleWhileApprovedAndWhileAMainLevelIsApproved() {
        assertStanding(ledger("basic approved 1", "liveness approved 1", "selfie rejected 1"), APPROVED, "basic", "liveness");
        assertStanding(ledger("basic rejected 1", "liveness approved 1"), REJECTED);
        assertStanding(ledger("basic pending 1", "liveness rejected 1"), PENDING);
    }

    @Test
    void addOnsAloneNeverApproveAnApprovalCountsAsPending() {
        assertStanding(ledger("liveness approved 1"), PENDING);
        assertStanding(ledger("liveness approved 1", "wallet-eth contacted 2"), CONTACTED);
        assertStanding(ledger("liveness approved 1", "selfie rejected 2"), REJECTED);
        assertStanding(ledger("sow expired 1"), EXPIRED);
    }

    @Test
    void aStatusOnlyDecisionAloneGivesItsStatusAndNoRole() {
        assertStanding(ledger("* approved 5"), APPROVED);
        assertStanding(ledger("* contacted 5"), CONTACTED);
        assertStanding(ledger("* approved 5", "liveness approved 1"), APPROVED, "liveness");
        assertStanding(ledger("* rejected 5", "liveness approved 9"), REJECTED);
    }

    @Test
    void aStatusOnlyDecisionSupersedesOlderNamedMainLevels() {
        assertStanding(ledger("* rejected 5", "basic approved 1"), REJECTED);
        assertStanding(ledger("* approved 5", "basic approved 1", "plus rejected 2"), APPROVED, "basic");
        assertStanding(ledger("* pending 5", "basic approved 1", "liveness approved 1"), PENDING);
    }

    @Test
    void namedMainLevelsAtOrAfterAStatusOnlyDecisionReplaceIt() {
        assertStanding(ledger("* approved 5", "basic rejected 6"), REJECTED);
        assertStanding(ledger("* rejected 5", "basic approved 5", "liveness approved 5"), APPROVED, "basic", "liveness");
        assertStanding(ledger("* approved 5", "basic approved 1", "plus pending 9"), PENDING);
    }

    @Test
    void updatedAtIsTheNewestDecisionOfAnyKind() {
        assertThat(ledger("basic approved 1", "liveness approved 40", "* approved 20").derive().updatedAt()).contains(t(40));
        assertThat(ledger("basic approved 1", "* approved 20").derive().updatedAt()).contains(t(20));
    }

    @Test
    void issueScenarioBasicAndLivenessWebhooksInEitherOrder() {
        KycObservation basic = seen("basic", APPROVED, t(1), KycSource.WEBHOOK);
        KycObservation liveness = seen("liveness", APPROVED, t(1), KycSource.WEBHOOK);

        assertStanding(after(basic, liveness), APPROVED, "basic", "liveness");
        assertStanding(after(liveness, basic), APPROVED, "basic", "liveness");
        assertStanding(after(liveness), PENDING);
    }

    @Test
    void issueScenarioARejectedUpgradeToPlusKeepsBasicAndLiveness() {
        KycLedger ledger = after(seen("basic+liveness", APPROVED, t(1), KycSource.WEBHOOK), seen("plus", REJECTED, t(60), KycSource.WEBHOOK));

        assertStanding(ledger, APPROVED, "basic", "liveness");
    }

    @Test
    void issueScenarioAWalletProofOfBasicKeepsPlusAndLiveness() {
        KycLedger ledger = after(seen("plus+liveness", APPROVED, t(10), KycSource.WEBHOOK),
                KycObservation.approval(KycLevel.parse("basic"), t(5), KycSource.CREDENTIAL_PROOF));

        assertStanding(ledger, APPROVED, "basic", "liveness", "plus");
    }

    @Test
    void aWalletProofOlderThanARejectionAddsNothing() {
        KycLedger rejected = after(seen("basic", REJECTED, t(10), KycSource.WEBHOOK));

        KycMerge proof = rejected.merge(KycObservation.approval(KycLevel.parse("basic"), t(5), KycSource.CREDENTIAL_PROOF), NOW);

        assertThat(proof.superseded()).containsExactly("basic");
        assertStanding(proof.ledger(), REJECTED);
    }

    @Test
    void conditionsOfTheRoleMapperReadTheStanding() {
        KycStanding standing = ledger("plus approved 1", "liveness approved 1", "selfie rejected 1").derive();

        assertThat(KycCondition.parse("approved", "plus+liveness").matches(standing)).isTrue();
        assertThat(KycCondition.parse("approved", "plus+selfie").matches(standing)).isFalse();
        assertThat(KycCondition.parse("rejected", "").matches(standing)).isFalse();
        assertThat(KycCondition.parse("approved", "").matches(KycLedger.empty().derive())).isFalse();
    }

    @Test
    void standingTimesAreFractalsNotTheClock() {
        assertThat(after(seen("basic", APPROVED, Instant.parse("2020-10-09T10:50:32Z"), KycSource.WEBHOOK)).derive().updatedAt())
                .contains(Instant.parse("2020-10-09T10:50:32Z"));
    }
}
