package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.FractalScopes;
import io.github.keycloakfractal.fractal.profile.CompanyNames;
import io.github.keycloakfractal.keycloak.settings.ClientSettings;
import io.github.keycloakfractal.keycloak.settings.ProfileSettings;
import io.github.keycloakfractal.keycloak.settings.ProviderSettings;
import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.RealmModel;

/**
 * The {@code fractal} provider's settings as Keycloak's OAuth2 config; the Fractal settings themselves (keys, labels,
 * checks, typed readers) live in the {@code settings} package.
 */
public final class FractalIdentityProviderConfig extends OAuth2IdentityProviderConfig {
    static final String DEFAULT_DISPLAY_NAME = "Verify with Fractal";

    public FractalIdentityProviderConfig() {
    }

    public FractalIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    /**
     * A new provider's starting point: production, v2 user info, client credentials as form parameters (what Fractal's
     * token endpoint expects) and FORCE sync, because a KYC source must not go stale. The scopes are not set here: the
     * saved representation decides the shape, and {@link #validate} then gives that shape's scopes.
     */
    static FractalIdentityProviderConfig withDefaults() {
        FractalIdentityProviderConfig config = new FractalIdentityProviderConfig();
        config.getConfig().putAll(ProviderSettings.defaults());
        config.setClientAuthMethod("client_secret_post");
        config.setSyncMode(IdentityProviderSyncMode.FORCE);
        return config;
    }

    ClientSettings client() {
        return ClientSettings.from(getConfig());
    }

    CompanyNames companyNames() {
        return ProfileSettings.from(getConfig()).companyNames();
    }

    /**
     * Keycloak calls this whenever the provider is created, updated or imported: a configuration that cannot work is
     * refused there with a 400 naming the setting. A blank display name becomes "Verify with Fractal" because the
     * representation overwrites whatever {@link #withDefaults()} set. Scopes that are empty or still a default become
     * the chosen shape's default, so the admin console shows what will be asked and a shape change takes them along;
     * scopes an admin wrote are kept.
     */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        ProviderSettings.validate(getConfig());
        setDefaultScope(FractalScopes.effective(client().shape(), getDefaultScope()));
        if (getDisplayName() == null || getDisplayName().isBlank()) {
            setDisplayName(DEFAULT_DISPLAY_NAME);
        }
    }
}
