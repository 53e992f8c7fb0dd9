package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.github.keycloakfractal.fractal.kyc.KycStatus.APPROVED;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.PENDING;
import static io.github.keycloakfractal.fractal.kyc.KycStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

class KycObservationTest {
    private static final Instant AT = Instant.parse("2026-11-30T01:02:03Z");

    @Test
    void aLevelStringNamesEachOfItsComponents() {
        KycObservation kraken = KycObservation.of(KycLevel.parse("basic+liveness"), PENDING, AT, KycSource.KRAKEN_WEBHOOK);

        assertThat(kraken.components()).isEqualTo(new java.util.TreeMap<>(Map.of("basic", PENDING, "liveness", PENDING)));
        assertThat(kraken.at()).isEqualTo(AT);
        assertThat(kraken.source()).isEqualTo(KycSource.KRAKEN_WEBHOOK);
    }

    @Test
    void aComponentNamedByTwoCasesKeepsTheStrongerStatusInEitherOrder() {
        KycObservation one = KycObservation.empty(AT, KycSource.BROKER_LOGIN)
                .with(KycLevel.parse("basic+liveness"), APPROVED).with(KycLevel.parse("plus+liveness"), REJECTED);
        KycObservation other = KycObservation.empty(AT, KycSource.BROKER_LOGIN)
                .with(KycLevel.parse("plus+liveness"), REJECTED).with(KycLevel.parse("basic+liveness"), APPROVED);

        assertThat(one).isEqualTo(other);
        assertThat(one.components()).containsEntry("liveness", APPROVED).containsEntry("plus", REJECTED).containsEntry("basic", APPROVED);
    }

    @Test
    void aProofIsAnApprovalAtFractalsApprovalTime() {
        KycObservation proof = KycObservation.approval(KycLevel.parse("plus+liveness"), AT, KycSource.CREDENTIAL_PROOF);

        assertThat(proof.components()).containsOnly(Map.entry("plus", APPROVED), Map.entry("liveness", APPROVED));
    }

    @Test
    void theStatusOnlyFormUsesThePlaceholder() {
        KycObservation listed = KycObservation.statusOnly(REJECTED, AT, KycSource.RECONCILIATION);

        assertThat(listed.components()).containsOnly(Map.entry(KycLedger.STATUS_ONLY, REJECTED));
        assertThat(KycObservation.empty(AT, KycSource.BROKER_LOGIN).isEmpty()).isTrue();
    }
}
