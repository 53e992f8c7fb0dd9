package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.keycloak.kraken.KrakenRecheck;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin operations behind {@code /admin/realms/{realm}/fractal/...}: run reconciliation now, show the last runs,
 * re-check one user, and the providers' configuration health. The caller was authorized before (Keycloak's admin
 * permission evaluator, in the admin resource); this class only does the work and answers.
 */
public final class AdminOperations {
    private final KeycloakSession session;
    private final RealmModel realm;
    private final Reconciliation reconciliation;
    private final StatsTokens tokens;

    public AdminOperations(KeycloakSession session, RealmModel realm, StatsTokens tokens) {
        this.session = session;
        this.realm = realm;
        this.tokens = tokens;
        this.reconciliation = new Reconciliation(session.getKeycloakSessionFactory(), tokens);
    }

    /** Runs every Fractal provider's reconciliation now; 503 when Fractal could not be asked, 409 when a run is under way. */
    public Response reconcileNow() {
        List<IdentityProviderModel> providers = FractalProviders.of(session);
        if (providers.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "not_configured", "This realm has no enabled Fractal provider.");
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean failed = false;
        for (IdentityProviderModel provider : providers) {
            if (!RunLock.acquire(session, realm.getId(), provider.getAlias())) {
                return ApiErrors.error(Response.Status.CONFLICT, "reconciliation_running",
                        "A reconciliation of provider " + provider.getAlias() + " is under way; try again when it has finished.");
            }
            try {
                ReconcileSummary summary = reconciliation.run(session, realm, provider, "admin");
                failed |= !summary.succeeded();
                runs.add(summary.toJson());
            } finally {
                RunLock.release(session, realm.getId(), provider.getAlias());
            }
        }
        if (failed) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "fractal_unavailable",
                    "Fractal's statistics could not be read; no user was changed by the failed run.", Map.of("runs", runs));
        }
        return Response.ok(Map.of("runs", runs), MediaType.APPLICATION_JSON_TYPE).build();
    }

    public Response lastRuns() {
        Map<String, Object> body = new LinkedHashMap<>();
        FractalProviders.of(session).forEach(provider -> body.put(provider.getAlias(), LastRun.of(session, realm, provider.getAlias()).orElse(null)));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Compares one user with Fractal's statistics, and with Kraken when the user is Kraken-linked. */
    public Response recheck(UserModel user) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            for (IdentityProviderModel provider : FractalProviders.of(session)) {
                reconciliation.recheck(session, realm, provider, user)
                        .ifPresent(outcome -> body.put("fractal", outcome.name().toLowerCase()));
            }
            Optional<KycStatus> kraken = KrakenRecheck.recheck(session, user);
            kraken.ifPresent(status -> body.put("kraken", status.value()));
        } catch (StatsException | KrakenException e) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "fractal_unavailable",
                    "Fractal could not be asked about this user: " + e.getMessage());
        }
        if (body.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "not_linked",
                    "Neither Fractal's statistics nor Kraken know this user (no Fractal link, or not listed).");
        }
        StoredKyc stored = StoredKyc.of(user);
        body.put("status", stored.status().map(KycStatus::value).orElse("none"));
        body.put("levels", List.copyOf(stored.approvedLevels()));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public Response health() {
        List<Map<String, Object>> providers = new ArrayList<>();
        FractalProviders.of(session).forEach(provider -> providers.add(ProviderHealth.of(session, provider, tokens)));
        return Response.ok(Map.of("providers", providers), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
