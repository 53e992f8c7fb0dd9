package io.github.keycloakfractal.keycloak.broker;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * What both Fractal mappers share: a stable id, the {@code fractal} provider as the only compatible one, and every
 * sync mode (KYC data changes after the first login, so force and legacy must be available).
 */
abstract class FractalMapper extends AbstractIdentityProviderMapper {
    private final String id;
    private final String category;
    private final String type;
    private final String help;
    private final List<ProviderConfigProperty> properties;

    FractalMapper(String id, String category, String type, String help, List<ProviderConfigProperty> properties) {
        this.id = id;
        this.category = category;
        this.type = type;
        this.help = help;
        this.properties = properties;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String[] getCompatibleProviders() {
        return new String[]{FractalIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public final String getDisplayCategory() {
        return category;
    }

    @Override
    public final String getDisplayType() {
        return type;
    }

    @Override
    public final String getHelpText() {
        return help;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public final boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }
}
