package io.github.keycloakfractal.keycloak.status;

import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /status}: the caller's own KYC state, for apps that would rather ask than read roles from the token
 * (the router checks the bearer token); absent facts are {@code null}, never guessed.
 */
public final class KycStatusView {
    private KycStatusView() {
    }

    public static Response of(UserModel user) {
        return Response.ok(view(StoredKyc.of(user)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Map<String, Object> view(StoredKyc stored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", stored.status().map(KycStatus::value).orElse(null));
        view.put("levels", List.copyOf(stored.levels()));
        view.put("note", stored.note().orElse(null));
        view.put("country", stored.country().orElse(null));
        view.put("accredited_investor", stored.accreditedInvestor().orElse(null));
        view.put("account_type", stored.accountType().orElse(null));
        view.put("wallet", stored.wallet().orElse(null));
        view.put("updated_at", stored.updatedAt().map(Instant::toString).orElse(null));
        return view;
    }
}
