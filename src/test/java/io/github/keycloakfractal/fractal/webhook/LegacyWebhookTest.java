package io.github.keycloakfractal.fractal.webhook;

import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycState;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

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
        KycState state = webhook.nextState(Set.of(), NOW);
        assertThat(state.status()).isEqualTo(KycStatus.APPROVED);
        assertThat(state.levels()).containsExactly("basic");
        assertThat(state.source()).isEqualTo(KycSource.WEBHOOK);
        assertThat(state.observedAt()).isEqualTo(T1);
    }

    @Test
    void approvalsOfOneDecisionAddUpInAnyOrder() {
        KycState afterLiveness = decision("verification_approved", "liveness", T1).nextState(Set.of(), NOW);
        KycState afterBasic = decision("verification_approved", "basic", T1).nextState(afterLiveness.levels(), NOW);
        KycState duplicate = decision("verification_approved", "basic", T1).nextState(afterBasic.levels(), NOW);

        assertThat(afterBasic.levels()).containsExactly("basic", "liveness");
        assertThat(duplicate).isEqualTo(afterBasic);
    }

    @Test
    void aRejectionReplacesTheApprovedLevels() {
        KycState approved = decision("verification_approved", "plus", T1).nextState(Set.of(), NOW);
        KycState rejected = decision("verification_rejected", "plus", T1.plusSeconds(60)).nextState(approved.levels(), NOW);

        assertThat(rejected.status()).isEqualTo(KycStatus.REJECTED);
        assertThat(rejected.levels()).isEmpty();
        assertThat(approved.isOlderThan(rejected.observedAt())).isTrue();
    }

    @Test
    void contactedAndUntimedWebhooks() {
        KycState contacted = parse("{'type':'verification_contacted','data':{'level':'plus','user_id':'u1'}}")
                .nextState(Set.of(), NOW);

        assertThat(contacted.status()).isEqualTo(KycStatus.CONTACTED);
        assertThat(contacted.observedAt()).as("no timestamp: observed on receipt").isEqualTo(NOW);
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
            "{'type':'email_changed','data':{'user_id':'u1'}}"})
    void malformedOrUnknownPayloadsAreRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedWebhookException.class);
    }
}
