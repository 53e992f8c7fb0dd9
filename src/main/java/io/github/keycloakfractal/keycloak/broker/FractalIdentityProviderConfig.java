package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.FractalEndpoints;
import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.FractalScopes;
import io.github.keycloakfractal.fractal.UserInfoShape;
import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import io.github.keycloakfractal.keycloak.kyc.FractalUserProfile;
import io.github.keycloakfractal.keycloak.credentials.CredentialSettings;
import io.github.keycloakfractal.keycloak.credentials.WalletExpiryScope;
import io.github.keycloakfractal.keycloak.kraken.KrakenSettings;
import io.github.keycloakfractal.keycloak.kyc.KycRoleNames;
import io.github.keycloakfractal.keycloak.sync.ReconcileSettings;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The {@code fractal} provider's settings with typed getters. The URL overrides reuse the keys of Keycloak's OAuth2
 * config ({@code authorizationUrl}, {@code tokenUrl}, {@code userInfoUrl}), so an empty override simply means "the
 * environment's URL" and Keycloak's own URL checks apply to whatever an admin typed.
 */
public final class FractalIdentityProviderConfig extends OAuth2IdentityProviderConfig {
    static final String ENVIRONMENT = "environment";
    static final String USER_INFO_SHAPE = "userInfoShape";
    static final String AUTHORIZATION_URL = "authorizationUrl";
    static final String TOKEN_URL = "tokenUrl";
    static final String USER_INFO_URL = "userInfoUrl";
    static final String DEFAULT_DISPLAY_NAME = "Verify with Fractal";

    public FractalIdentityProviderConfig() {
    }

    public FractalIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    /**
     * A new provider's starting point: production, v2 user info, Fractal's default scopes, client credentials as form
     * parameters (what Fractal's token endpoint expects) and FORCE sync, because a KYC source must not go stale.
     */
    static FractalIdentityProviderConfig withDefaults() {
        FractalIdentityProviderConfig config = new FractalIdentityProviderConfig();
        config.getConfig().put(ENVIRONMENT, FractalEnvironment.PRODUCTION.configValue());
        config.getConfig().put(USER_INFO_SHAPE, UserInfoShape.V2.configValue());
        config.setDefaultScope(FractalScopes.DEFAULT);
        config.setClientAuthMethod("client_secret_post");
        config.setSyncMode(IdentityProviderSyncMode.FORCE);
        config.getConfig().putAll(KycRoleNames.DEFAULTS);
        return config;
    }

    public FractalEnvironment environment() {
        return FractalEnvironment.fromConfig(getConfig().get(ENVIRONMENT));
    }

    public UserInfoShape userInfoShape() {
        return UserInfoShape.fromConfig(getConfig().get(USER_INFO_SHAPE));
    }

    public KycRoleNames roleNames() {
        return KycRoleNames.from(getConfig());
    }

    public FractalEndpoints endpoints() {
        return FractalEndpoints.resolve(environment(), userInfoShape(),
                getConfig().get(AUTHORIZATION_URL), getConfig().get(TOKEN_URL), getConfig().get(USER_INFO_URL));
    }

    /**
     * Keycloak calls this whenever the provider is created, updated or imported through the admin API: a configuration
     * that cannot resolve its URLs or role names is refused there with a 400 naming the setting. It is also the one
     * moment Keycloak tells an extension that a provider was configured, so the realm's user profile gets the
     * protected {@code fractal_*} attributes here. A blank display name becomes "Verify with Fractal" because the
     * representation overwrites whatever {@link #withDefaults()} set.
     */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        endpoints();
        roleNames();
        VaultSecrets.references(getConfig().get(VaultSecrets.LEGACY_WEBHOOK));
        KrakenSettings.from(getConfig());
        CredentialSettings.from(getConfig());
        ReconcileSettings.from(getConfig());
        if (getDisplayName() == null || getDisplayName().isBlank()) {
            setDisplayName(DEFAULT_DISPLAY_NAME);
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null) {
            FractalUserProfile.declare(session, realm);
        }
        WalletExpiryScope.install(realm);
    }
}
