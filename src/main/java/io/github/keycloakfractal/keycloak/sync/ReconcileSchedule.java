package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.settings.ReconcileSettings;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Scheduled reconciliation. A short tick on every node (registered by the extension's background tasks) looks for
 * providers whose interval (minutes, on the provider page) is due; a cluster-wide single-use marker that lives one interval makes exactly one node start a
 * run per interval, and the run itself goes to an executor so Keycloak's shared timer thread is never held for the
 * minutes a large realm takes.
 */
public final class ReconcileSchedule implements ScheduledTask {
    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);
    /** Server option {@code --spi-realm-restapi-extension--fractal--reconcile-tick-seconds}; default one minute. */
    private final KeycloakSessionFactory factory;
    private final Reconciliation reconciliation;

    public ReconcileSchedule(KeycloakSessionFactory factory, StatsTokens tokens) {
        this.factory = factory;
        this.reconciliation = new Reconciliation(factory, tokens);
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
