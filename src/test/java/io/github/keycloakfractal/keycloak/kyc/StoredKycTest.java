package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoredKycTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void readsTheAttributesTheApplierWrites() {
        StoredKyc stored = StoredKyc.from(Map.of(
                "fractal_kyc_status", List.of("approved"),
                "fractal_kyc_levels", List.of("plus", "basic", "liveness"),
                "fractal_kyc_note", List.of("Fractal's note"),
                "fractal_kyc_updated_at", List.of("2026-11-29T10:00:00Z"),
                "fractal_kraken_id", List.of("k-1"),
                "fractal_accredited_investor", List.of("true"),
                "fractal_credential_valid_until", List.of("2026-12-01T00:00:00Z")));

        assertThat(stored.status()).contains(KycStatus.APPROVED);
        assertThat(stored.approvedLevels()).containsExactly("basic", "liveness", "plus");
        assertThat(stored.note()).contains("Fractal's note");
        assertThat(stored.updatedAt()).contains(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(stored.krakenId()).contains("k-1");
        assertThat(stored.accreditedInvestor()).contains(true);
        assertThat(stored.walletExpired(NOW)).isFalse();
        assertThat(stored.walletExpired(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    }

    @Test
    void levelsCountOnlyWhileApproved() {
        StoredKyc rejected = StoredKyc.from(Map.of("fractal_kyc_status", List.of("rejected"), "fractal_kyc_levels", List.of("basic")));

        assertThat(rejected.approved()).isFalse();
        assertThat(rejected.approvedLevels()).isEmpty();
    }

    @Test
    void nothingStoredOrSomethingUnreadableReadsAsAbsentNeverAsAGuess() {
        StoredKyc none = StoredKyc.from(Map.of());
        assertThat(none.status()).isEmpty();
        assertThat(none.levels()).isEmpty();
        assertThat(none.walletExpired(NOW)).as("no credential, nothing to expire").isFalse();

        StoredKyc edited = StoredKyc.from(Map.of("fractal_kyc_status", List.of("APPROVED!"), "fractal_kyc_updated_at", List.of("yesterday"),
                "fractal_credential_valid_until", List.of("soon")));
        assertThat(edited.status()).isEmpty();
        assertThat(edited.updatedAt()).isEmpty();
        assertThat(edited.walletExpired(NOW)).as("an unreadable end has ended").isTrue();
    }
}
