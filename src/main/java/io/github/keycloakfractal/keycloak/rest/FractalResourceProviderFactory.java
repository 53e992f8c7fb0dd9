package io.github.keycloakfractal.keycloak.rest;

import io.github.keycloakfractal.keycloak.sync.StatsTokens;
import io.github.keycloakfractal.keycloak.tasks.BackgroundTasks;
import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Mounts {@link FractalResource} at {@code /realms/{realm}/fractal}. Its server options
 * ({@code --spi-realm-restapi-extension--fractal--*}) set the background tasks' intervals, which start here.
 */
public final class FractalResourceProviderFactory implements RealmResourceProviderFactory {
    public static final String ID = "fractal";

    /** This node's statistics tokens for scheduled runs (admin runs have theirs in the admin resource's factory). */
    private final StatsTokens statsTokens = new StatsTokens();
    private BackgroundTasks tasks;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        FractalResource resource = new FractalResource(session);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        SupportedKeycloak.require(getClass().getClassLoader(), Version.VERSION);
        tasks = BackgroundTasks.fromOptions(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        tasks.register(factory, statsTokens);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
