package io.github.keycloakfractal.keycloak.setup;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Runs {@link RealmSetup} when a realm gets or changes a Fractal provider: on the admin event of an identity provider
 * being created or updated (admin console, admin REST, partial import), and when a whole realm is imported (admin
 * REST or {@code --import-realm}), in the transaction that saved it. Keycloak publishes no event of its own for a
 * created identity provider, so this is a global admin-event listener: it is always active, stores nothing and
 * ignores every other event.
 */
public final class SetupTrigger implements EventListenerProviderFactory {
    public static final String ID = "fractal-realm-setup";
    private static final String PROVIDERS_PATH = "identity-provider/instances";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // user events are not about configuration
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (savesProvider(event)) {
                    setUp(session, session.realms().getRealm(event.getRealmId()));
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                setUp(created.getKeycloakSession(), created.getCreatedRealm());
            }
        });
    }

    private static boolean savesProvider(AdminEvent event) {
        boolean saved = event.getOperationType() == OperationType.CREATE || event.getOperationType() == OperationType.UPDATE;
        boolean provider = event.getResourceType() == ResourceType.IDENTITY_PROVIDER
                || (event.getResourcePath() != null && event.getResourcePath().startsWith(PROVIDERS_PATH));
        return saved && provider;
    }

    private static void setUp(KeycloakSession session, RealmModel realm) {
        if (realm == null) {
            return;
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            if (!FractalProviders.of(session).isEmpty()) {
                RealmSetup.install(session, realm);
            }
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
