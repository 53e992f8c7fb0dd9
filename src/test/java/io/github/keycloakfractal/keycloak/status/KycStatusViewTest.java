package io.github.keycloakfractal.keycloak.status;

import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KycStatusViewTest {

    @Test
    void showsTheStoredFactsWithTheirJsonNames() {
        Map<String, Object> view = KycStatusView.view(StoredKyc.from(Map.of(
                "fractal_kyc_status", List.of("approved"), "fractal_kyc_levels", List.of("plus", "basic"),
                "fractal_country", List.of("DE"), "fractal_accredited_investor", List.of("false"),
                "fractal_account_type", List.of("person"), "fractal_wallet_address", List.of("0xabc"),
                "fractal_kyc_updated_at", List.of("2026-11-29T10:00:00Z"))));

        assertThat(view).containsExactly(Map.entry("status", "approved"), Map.entry("levels", List.of("basic", "plus")),
                entry("note", null), Map.entry("country", "DE"), Map.entry("accredited_investor", false),
                Map.entry("account_type", "person"), Map.entry("wallet", "0xabc"), Map.entry("updated_at", "2026-11-29T10:00:00Z"));
    }

    @Test
    void aUserWithoutKycGetsNullsAndNoLevels() {
        Map<String, Object> view = KycStatusView.view(StoredKyc.from(Map.of()));

        assertThat(view.keySet()).containsExactly("status", "levels", "note", "country", "accredited_investor", "account_type", "wallet", "updated_at");
        assertThat(view.get("levels")).isEqualTo(List.of());
        assertThat(Arrays.asList(view.get("status"), view.get("note"), view.get("wallet"), view.get("updated_at"))).containsOnlyNulls();
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
