package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.settings.ProviderSettings;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.broker.social.SocialIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers "Fractal" in the admin console's "Add provider" list; its page shows every provider setting. */
public final class FractalIdentityProviderFactory extends AbstractIdentityProviderFactory<FractalIdentityProvider>
        implements SocialIdentityProviderFactory<FractalIdentityProvider> {
    public static final String PROVIDER_ID = FractalProviders.PROVIDER_ID;

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderSettings.properties();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Fractal";
    }

    @Override
    public FractalIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new FractalIdentityProvider(session, new FractalIdentityProviderConfig(model));
    }

    @Override
    public FractalIdentityProviderConfig createConfig() {
        return FractalIdentityProviderConfig.withDefaults();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
