package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.stats.ClientToken;
import io.github.keycloakfractal.fractal.stats.StatsApi;
import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.keycloak.broker.FractalIdentityProviderConfig;
import io.github.keycloakfractal.keycloak.http.KeycloakHttp;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

import java.util.Map;

/**
 * Fractal's statistics API for one provider: the provider's token URL, client id and secret (a vault reference is
 * resolved here, never logged) for the client-credentials grant, Keycloak's HTTP client for every call.
 */
final class FractalStats {
    private FractalStats() {
    }

    static StatsApi api(KeycloakSession session, IdentityProviderModel provider, StatsTokens tokens) throws StatsException {
        FractalIdentityProviderConfig config = new FractalIdentityProviderConfig(provider);
        String statsUrl = ReconcileSettings.from(provider.getConfig()).statsUrl()
                .orElseThrow(() -> new StatsException("no statistics URL is configured"));
        String tokenUrl;
        try {
            tokenUrl = config.endpoints().tokenUrl();
        } catch (IllegalArgumentException e) {
            throw new StatsException("the provider's token URL is not configured");
        }
        ClientToken token = tokens.forClient(session.getContext().getRealm().getId(), provider.getAlias(), config.getClientId());
        ClientToken.Grant grant = () -> {
            try (VaultStringSecret secret = session.vault().getStringSecret(config.getClientSecret())) {
                String clientSecret = secret.get().orElse(null);
                if (clientSecret == null || clientSecret.isEmpty()) {
                    throw new StatsException("the provider's client secret is not set (or the vault does not have it)");
                }
                return KeycloakHttp.postForm(session, tokenUrl, Map.of("grant_type", "client_credentials", "scope", ClientToken.SCOPE,
                        "client_id", config.getClientId(), "client_secret", clientSecret));
            }
        };
        return new StatsApi(statsUrl, token, grant, KeycloakHttp.transport(session));
    }
}
