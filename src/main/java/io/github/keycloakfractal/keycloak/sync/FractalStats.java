package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.stats.ClientToken;
import io.github.keycloakfractal.fractal.stats.StatsApi;
import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.keycloak.http.KeycloakHttp;
import io.github.keycloakfractal.keycloak.settings.ClientSettings;
import io.github.keycloakfractal.keycloak.settings.ReconcileSettings;
import io.github.keycloakfractal.keycloak.settings.VaultSecrets;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;

/**
 * Fractal's statistics API for one provider: the provider's token URL, client id and secret (a vault reference is
 * resolved here, never logged) for the client-credentials grant, Keycloak's HTTP client for every call.
 */
final class FractalStats {
    private FractalStats() {
    }

    static StatsApi api(KeycloakSession session, IdentityProviderModel provider, StatsTokens tokens) throws StatsException {
        ClientSettings client;
        ReconcileSettings reconcile;
        try {
            client = ClientSettings.from(provider.getConfig());
            reconcile = ReconcileSettings.from(provider.getConfig());
        } catch (IllegalArgumentException unusable) {
            throw new StatsException("the provider's settings are not usable: " + unusable.getMessage());
        }
        String statsUrl = reconcile.statsUrl().orElseThrow(() -> new StatsException("no statistics URL is configured"));
        String clientId = client.clientId().orElseThrow(() -> new StatsException("the provider's client id is not set"));
        String tokenUrl = client.endpoints().tokenUrl();
        ClientToken token = tokens.forClient(session.getContext().getRealm().getId(), provider.getAlias(), clientId);
        ClientToken.Grant grant = () -> {
            List<String> secret = VaultSecrets.resolve(session, client.clientSecretReference().orElse(null));
            if (secret.isEmpty()) {
                throw new StatsException("the provider's client secret is not set (or the vault does not have it)");
            }
            return KeycloakHttp.postForm(session, "token", tokenUrl, Map.of("grant_type", "client_credentials", "scope", ClientToken.SCOPE,
                    "client_id", clientId, "client_secret", secret.get(0)));
        };
        return new StatsApi(statsUrl, token, grant, KeycloakHttp.transport(session, "statistics"));
    }
}
