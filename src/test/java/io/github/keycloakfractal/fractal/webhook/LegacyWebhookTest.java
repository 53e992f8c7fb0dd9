package io.github.keycloakfractal.fractal.webhook;

import io.github.keycloakfractal.fractal.kyc.FutureObservationException;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycMerge;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyWebhookTest {
    private static final Instant T1 = Instant.parse("2020-10-09T10:50:32Z");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static LegacyWebhook parse(String json) {
        return LegacyWebhook.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static LegacyWebhook decision(String type, String level, Instant at) {
        return parse("{'type':'" + type + "','data':{'level':'" + level + "','user_id':'u1','timestamp':'" + at + "'}}");
    }

    @Test
    void theDocumentedApprovalParses() {
        LegacyWebhook webhook = parse("{'type':'verification_approved','data':{'level':'basic',"
                + "'user_id':'b5c5a2cd-643e-444b-9591-e7b25fec997d','timestamp':'2020-10-09T10:50:32Z'}}");

        assertThat(webhook.userId()).isEqualTo("b5c5a2cd-643e-444b-9591-e7b25fec997d");
        assertThat(webhook.timestamp()).contains(T1);
        assertThat(webhook.isDecision()).isTrue();
        KycStanding standing = KycLedger.empty().merge(webhook.observation(NOW, false), NOW).ledger().derive();
        assertThat(standing.status()).contains(KycStatus.APPROVED);
        assertThat(standing.grantedLevels()).containsExactly("basic");
        assertThat(standing.updatedAt()).as("Fractal's time, not the receipt").contains(T1);
    }

    @Test
    void aLaterRejectionOfTheSameLevelTakesItsRoleAwayAndTheOlderApprovalCannotComeBack() {
        KycObservation approval = decision("verification_approved", "plus", T1).observation(NOW, false);
        KycLedger approved = KycLedger.empty().merge(approval, NOW).ledger();

        KycLedger rejected = approved.merge(decision("verification_rejected", "plus", T1.plusSeconds(60)).observation(NOW, false), NOW).ledger();

        assertThat(rejected.derive().status()).contains(KycStatus.REJECTED);
        assertThat(rejected.derive().grantedLevels()).isEmpty();
        KycMerge lateRetry = rejected.merge(approval, NOW);
        assertThat(lateRetry.superseded()).as("the approval is older than the rejection").containsExactly("plus");
        assertThat(lateRetry.ledger()).isEqualTo(rejected);
    }

    @Test
    void aContactedWebhookLeavesTheUserWaitingWithoutALevel() {
        KycObservation contacted = decision("verification_contacted", "plus", T1).observation(NOW, false);

        KycStanding standing = KycLedger.empty().merge(contacted, NOW).ledger().derive();

        assertThat(standing.status()).contains(KycStatus.CONTACTED);
        assertThat(standing.grantedLevels()).isEmpty();
    }

    @Test
    void otherKnownTypesAreAcknowledgedWithoutADecision() {
        LegacyWebhook email = parse("{'type':'email_changed','data':{'user_id':'u1','email':'new@example.com'}}");
        assertThat(email.isDecision()).isFalse();
        assertThat(email.email()).contains("new@example.com");
        assertThat(parse("{'type':'credential_shared','data':{'idos_human_id':'h','credential_id':'c','shared_at':'x'}}").isDecision()).isFalse();
        assertThat(parse("{'type':'authorization_revoked','data':{'user_id':'u1'}}").isDecision()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{}", "{'type':'verification_approved'}",
            "{'type':'verification_paused','data':{'level':'plus','user_id':'u1'}}",
            "{'type':'verification_approved','data':{'user_id':'u1'}}",
            "{'type':'verification_approved','data':{'level':'gold','user_id':'u1'}}",
            "{'type':'verification_approved','data':{'level':'plus'}}",
            "{'type':'verification_approved','data':{'level':'plus','user_id':'u1','timestamp':'yesterday'}}",
            "{'type':'email_changed','data':{'user_id':'u1'}}",
            "{'type':'verification_approved','data':{'level':'basic','user_id':'\\u0000','timestamp':'2020-10-09T10:50:32Z'}}",
            "{'type':'verification_approved','data':{'level':'basic','user_id':'u\\u0001x','timestamp':'2020-10-09T10:50:32Z'}}",
            "{'type':'verification_approved','data':{'level':'basic','user_id':' \\u2028\\u00a0','timestamp':'2020-10-09T10:50:32Z'}}",
            "{'type':'email_changed','data':{'user_id':'u1','email':'a@example.com\\r\\nBcc: b@example.com'}}"})
    void malformedOrUnknownPayloadsAreRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void theDocumentedApprovalIsAnObservationOfItsLevelAtFractalsTimestamp() {
        LegacyWebhook webhook = parse("{'type':'verification_approved','data':{'level':'basic',"
                + "'user_id':'b5c5a2cd-643e-444b-9591-e7b25fec997d','timestamp':'2020-10-09T10:50:32Z'}}");

        KycObservation seen = webhook.observation(NOW, false);

        assertThat(seen.components()).containsOnly(Map.entry("basic", KycStatus.APPROVED));
        assertThat(seen.at()).isEqualTo(T1);
        assertThat(seen.source()).isEqualTo(KycSource.WEBHOOK);
    }

    @Test
    void eachDecisionTypeNamesEveryComponentOfItsLevel() {
        assertThat(decision("verification_rejected", "plus+liveness", T1).observation(NOW, false).components())
                .containsOnly(Map.entry("plus", KycStatus.REJECTED), Map.entry("liveness", KycStatus.REJECTED));
        assertThat(decision("verification_contacted", "liveness", T1).observation(NOW, false).components())
                .containsOnly(Map.entry("liveness", KycStatus.CONTACTED));
    }

    @Test
    void theTwoNotificationsOfOneDecisionGiveTheSameLedgerInEitherOrderAndTwice() {
        KycObservation basic = decision("verification_approved", "basic", T1).observation(NOW, false);
        KycObservation liveness = decision("verification_approved", "liveness", T1).observation(NOW, false);

        KycLedger basicFirst = KycLedger.empty().merge(basic, NOW).ledger().merge(liveness, NOW).ledger();
        KycLedger livenessFirst = KycLedger.empty().merge(liveness, NOW).ledger().merge(basic, NOW).ledger();

        assertThat(basicFirst).isEqualTo(livenessFirst);
        assertThat(basicFirst.derive().grantedLevels()).containsExactly("basic", "liveness");
        assertThat(basicFirst.merge(basic, NOW).duplicate()).as("Fractal's retry").isTrue();
    }

    @Test
    void aLateRejectionOfAnotherLevelKeepsTheApprovedOnes() {
        KycLedger approved = KycLedger.empty().merge(decision("verification_approved", "basic+liveness", T1).observation(NOW, false), NOW).ledger();

        KycLedger plusRejected = approved.merge(decision("verification_rejected", "plus", T1.plusSeconds(60)).observation(NOW, false), NOW).ledger();

        assertThat(plusRejected.derive().status()).contains(KycStatus.APPROVED);
        assertThat(plusRejected.derive().grantedLevels()).containsExactly("basic", "liveness");
    }

    @Test
    void anUndatedDecisionIsRefusedUnlessTheProviderAcceptsThemThenItIsDatedAtReceipt() {
        LegacyWebhook undated = parse("{'type':'verification_contacted','data':{'level':'plus','user_id':'u1'}}");

        assertThatThrownBy(() -> undated.observation(NOW, false)).isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("timestamp");
        assertThat(undated.observation(NOW, true).at()).isEqualTo(NOW);
        assertThat(decision("verification_approved", "plus", T1).observation(NOW, true).at()).as("a dated one keeps its date").isEqualTo(T1);
    }

    @Test
    void webhooksWithoutADecisionAreNoObservation() {
        LegacyWebhook email = parse("{'type':'email_changed','data':{'user_id':'u1','email':'new@example.com'}}");

        assertThatThrownBy(() -> email.observation(NOW, true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTimestampAtTheEndOfTimeParsesAndIsRefusedAsFuture() {
        LegacyWebhook farFuture = parse("{'type':'verification_approved','data':{'level':'basic','user_id':'u1',"
                + "'timestamp':'+999999999-12-31T23:59:59Z'}}");

        KycObservation seen = farFuture.observation(NOW, false);

        assertThat(seen.at()).isEqualTo(Instant.parse("+999999999-12-31T23:59:59Z"));
        assertThatThrownBy(() -> KycLedger.empty().merge(seen, NOW)).isInstanceOf(FutureObservationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000001-01-01T00:00:00Z", "2020-02-30T00:00:00Z", "2020-10-09T10:50:32", "2020-10-09T25:00:00Z", "\u0000"})
    void unrepresentableTimestampsAreRefused(String timestamp) {
        assertThatThrownBy(() -> parse("{'type':'verification_approved','data':{'level':'basic','user_id':'u1','timestamp':'" + timestamp + "'}}"))
                .isInstanceOf(MalformedWebhookException.class);
    }
}
