package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Scheduled reconciliation. A short tick on every node looks for providers whose interval (minutes, on the
 * provider page) is due; a cluster-wide single-use marker that lives one interval makes exactly one node start a
 * run per interval, and the run itself goes to an executor so Keycloak's shared timer thread is never held for the
 * minutes a large realm takes.
 */
public final class ReconcileSchedule implements ScheduledTask {
    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);
    /** Server option {@code --spi-realm-restapi-extension--fractal--reconcile-tick-seconds}; default one minute. */
    public static final String TICK_OPTION = "reconcileTickSeconds";
    public static final long DEFAULT_TICK_SECONDS = 60;

    private final KeycloakSessionFactory factory;
    private final Reconciliation reconciliation;

    private ReconcileSchedule(KeycloakSessionFactory factory, Reconciliation reconciliation) {
        this.factory = factory;
        this.reconciliation = reconciliation;
    }

    public static void schedule(KeycloakSessionFactory factory, StatsTokens tokens, long tickSeconds) {
        long millis = tickSeconds * 1000;
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try (KeycloakSession session = factory.create()) {
                    session.getProvider(TimerProvider.class).schedule(new ClusterAwareScheduledTaskRunner(factory,
                            new ReconcileSchedule(factory, new Reconciliation(factory, tokens)), millis), millis, "fractal-reconcile");
                }
            }
        });
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> {
            session.getContext().setRealm(realm);
            for (IdentityProviderModel provider : FractalProviders.of(session)) {
                ReconcileSettings settings;
                try {
                    settings = ReconcileSettings.from(provider.getConfig());
                } catch (IllegalArgumentException unusable) {
                    continue;
                }
                String due = "fractal-reconcile-due:" + realm.getId() + ":" + provider.getAlias();
                if (settings.scheduled() && session.singleUseObjects().putIfAbsent(due, settings.intervalMinutes() * 60L - 1)) {
                    start(session, realm.getId(), provider.getAlias());
                }
            }
        });
    }

    private void start(KeycloakSession session, String realmId, String alias) {
        session.getProvider(ExecutorsProvider.class).getExecutor("fractal-reconcile").execute(() ->
                KeycloakModelUtils.runJobInTransaction(factory, job -> {
                    RealmModel realm = job.realms().getRealm(realmId);
                    if (realm == null) {
                        return;
                    }
                    job.getContext().setRealm(realm);
                    IdentityProviderModel provider = job.identityProviders().getByAlias(alias);
                    if (provider != null && RunLock.acquire(job, realmId, alias)) {
                        try {
                            reconciliation.run(job, realm, provider, "schedule");
                        } catch (RuntimeException e) {
                            LOG.warnf("Scheduled reconciliation of realm %s failed: %s", realm.getName(), e.getClass().getSimpleName());
                        } finally {
                            RunLock.release(job, realmId, alias);
                        }
                    }
                }));
    }
}
