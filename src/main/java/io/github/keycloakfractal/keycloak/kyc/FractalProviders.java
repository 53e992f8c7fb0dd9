package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.IdentityProviderQuery;

import java.util.List;
import java.util.Optional;

/**
 * The realm's enabled {@code fractal} identity providers. Paths that do not come through a broker login (webhooks,
 * Kraken, wallet credentials, reconciliation) find their settings and their users here; users are found through the
 * indexed federated-identity link, never by scanning.
 */
public final class FractalProviders {
    public static final String PROVIDER_ID = "fractal";

    private FractalProviders() {
    }

    public static List<IdentityProviderModel> of(KeycloakSession session) {
        return session.identityProviders().getAllStream(IdentityProviderQuery.userAuthentication(), null, null)
                .filter(model -> PROVIDER_ID.equals(model.getProviderId()) && model.isEnabled())
                .toList();
    }

    /**
     * The enabled Fractal provider under the conventional alias {@code fractal}, from Keycloak's realm cache. The list
     * {@link #of} reads is an uncached query (an eighth of a webhook's CPU time in a profile), so a webhook first tries
     * this one provider and reads the list only when it does not sign the request.
     */
    public static Optional<IdentityProviderModel> conventional(KeycloakSession session) {
        return Optional.ofNullable(session.identityProviders().getByAlias(PROVIDER_ID))
                .filter(model -> PROVIDER_ID.equals(model.getProviderId()) && model.isEnabled());
    }

    /** The user linked to this Fractal uid through that provider. */
    public static Optional<UserModel> linkedUser(KeycloakSession session, RealmModel realm, IdentityProviderModel provider, String fractalUid) {
        return Optional.ofNullable(session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(provider.getAlias(), fractalUid, null)));
    }

    public static KycApplier applier(KeycloakSession session, RealmModel realm, IdentityProviderModel provider) {
        return new KycApplier(session, realm, KycRoleNames.from(provider.getConfig()), new KycAudit(session, realm), FractalMetrics.keycloak());
    }
}
