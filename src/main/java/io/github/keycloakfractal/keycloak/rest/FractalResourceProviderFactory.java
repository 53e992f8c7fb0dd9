package io.github.keycloakfractal.keycloak.rest;

import io.github.keycloakfractal.keycloak.credentials.WalletExpirySweep;
import io.github.keycloakfractal.keycloak.sync.ReconcileSchedule;
import io.github.keycloakfractal.keycloak.sync.StatsTokens;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts {@link FractalResource} at {@code /realms/{realm}/fractal}. */
public final class FractalResourceProviderFactory implements RealmResourceProviderFactory {
    public static final String ID = "fractal";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        FractalResource resource = new FractalResource(session, statsTokens);
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

    /** This node's statistics tokens, shared by admin runs and scheduled runs. */
    private final StatsTokens statsTokens = new StatsTokens();
    private long walletSweepSeconds = WalletExpirySweep.DEFAULT_INTERVAL_SECONDS;
    private long reconcileTickSeconds = ReconcileSchedule.DEFAULT_TICK_SECONDS;

    @Override
    public void init(Config.Scope config) {
        walletSweepSeconds = Math.max(1, config.getLong(WalletExpirySweep.INTERVAL_OPTION, WalletExpirySweep.DEFAULT_INTERVAL_SECONDS));
        reconcileTickSeconds = Math.max(1, config.getLong(ReconcileSchedule.TICK_OPTION, ReconcileSchedule.DEFAULT_TICK_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        WalletExpirySweep.schedule(factory, walletSweepSeconds);
        ReconcileSchedule.schedule(factory, statsTokens, reconcileTickSeconds);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
