package io.github.keycloakfractal.keycloak.admin;

import io.github.keycloakfractal.keycloak.sync.AdminOperations;
import io.github.keycloakfractal.keycloak.sync.StatsTokens;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts {@link FractalAdminResource} at {@code /admin/realms/{realm}/fractal} on Keycloak's admin REST API, so the
 * admin operations get Keycloak's own admin authentication, permission evaluator, CORS and admin events instead of a
 * role check of our own.
 *
 * <p>It holds its own statistics tokens: the realm resource's factory holds those of scheduled runs. Two caches on a
 * node cost at most one more client-credentials grant per token lifetime, and keep the two entry points independent.
 */
public final class FractalAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {
    public static final String ID = "fractal";

    private final StatsTokens statsTokens = new StatsTokens();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                return new FractalAdminResource(session, realm, auth, adminEvent, new AdminOperations(session, realm, statsTokens));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
