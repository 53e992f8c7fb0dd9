package io.github.keycloakfractal.keycloak.tasks;

import io.github.keycloakfractal.keycloak.credentials.WalletExpirySweep;
import io.github.keycloakfractal.keycloak.sync.ReconcileSchedule;
import io.github.keycloakfractal.keycloak.sync.StatsTokens;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Everything the extension does in the background, scheduled on every node once Keycloak's database is ready (after
 * migrations): the wallet-expiry sweep and the reconciliation tick. Keycloak's cluster-aware runner keeps one node's
 * runs from overlapping; each task's own cluster-wide marker lets one node work per interval. The intervals are server
 * options of the realm resource {@code fractal}:
 * {@code --spi-realm-restapi-extension--fractal--wallet-sweep-seconds} (default 300) and
 * {@code --spi-realm-restapi-extension--fractal--reconcile-tick-seconds} (default 60).
 */
public final class BackgroundTasks {
    static final String WALLET_SWEEP_OPTION = "walletSweepSeconds";
    static final String RECONCILE_TICK_OPTION = "reconcileTickSeconds";
    static final long DEFAULT_WALLET_SWEEP_SECONDS = 300;
    static final long DEFAULT_RECONCILE_TICK_SECONDS = 60;

    private final long walletSweepSeconds;
    private final long reconcileTickSeconds;

    private BackgroundTasks(long walletSweepSeconds, long reconcileTickSeconds) {
        this.walletSweepSeconds = walletSweepSeconds;
        this.reconcileTickSeconds = reconcileTickSeconds;
    }

    /** The intervals from the server options (at least one second each). */
    public static BackgroundTasks fromOptions(Config.Scope options) {
        return new BackgroundTasks(Math.max(1, options.getLong(WALLET_SWEEP_OPTION, DEFAULT_WALLET_SWEEP_SECONDS)),
                Math.max(1, options.getLong(RECONCILE_TICK_OPTION, DEFAULT_RECONCILE_TICK_SECONDS)));
    }

    public void register(KeycloakSessionFactory factory, StatsTokens tokens) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                schedule(factory, new WalletExpirySweep(walletSweepSeconds), walletSweepSeconds, "fractal-wallet-expiry");
                schedule(factory, new ReconcileSchedule(factory, tokens), reconcileTickSeconds, "fractal-reconcile");
            }
        });
    }

    private static void schedule(KeycloakSessionFactory factory, ScheduledTask task, long seconds, String name) {
        long millis = seconds * 1000;
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ClusterAwareScheduledTaskRunner(factory, task, millis), millis, name);
        }
    }
}
