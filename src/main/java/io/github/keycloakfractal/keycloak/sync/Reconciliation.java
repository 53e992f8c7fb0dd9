package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.fractal.stats.UserVerifications;
import io.github.keycloakfractal.keycloak.kraken.KrakenRecheck;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Repairs drift between Fractal and the realm: Fractal's statistics list every user who authorized the application
 * with their current status and levels; each one linked in the realm whose state differs is corrected through the
 * applier (source {@code reconciliation}, one event per change). Users Fractal lists but the realm does not know are
 * counted, not created. Kraken users do not appear in those statistics, so the realm's pending Kraken users are
 * asked about at Kraken.
 *
 * <p>Work goes in chunks of {@value #CHUNK} users, each in its own transaction (small, because Hibernate checks every
 * entity of a transaction for changes before each query: chunks of 500 made an all-changed run seven times slower than
 * 50, and 10 instead of 50 made a run over 10 000 unchanged users 28% faster; 5 was no faster),
 * users found through the indexed federated-identity link; only the statistics rows of each listed user are held for the run. The
 * observation time is the moment before Fractal was asked, so a webhook that arrives during the run wins.
 */
public final class Reconciliation {
    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    static final int CHUNK = 10;
    private static final int PAGE = 200;

    private final KeycloakSessionFactory factory;
    private final StatsTokens tokens;

    public Reconciliation(KeycloakSessionFactory factory, StatsTokens tokens) {
        this.factory = factory;
        this.tokens = tokens;
    }

    /** Counters of one run; only the run's own thread touches them. */
    private static final class Tally {
        int checked;
        int changed;
        int unknown;
        int failed;
        int krakenChecked;
        /** When this run last renewed its cluster-wide lock (never yet: the first chunk renews it, however long the fetch took). */
        long lockRenewed;
    }

    /** Where the walk through the realm's pending users stands. */
    private static final class Pages {
        int first;
        boolean more = true;
    }

    public ReconcileSummary run(KeycloakSession session, RealmModel realm, IdentityProviderModel provider, String trigger) {
        Instant observedAt = Instant.now();
        UserVerifications listed;
        try {
            listed = FractalStats.api(session, provider, tokens).userVerifications();
        } catch (StatsException e) {
            LOG.warnf("Reconciliation of realm %s with provider %s not run: %s", realm.getName(), provider.getAlias(), e.getMessage());
            return finish(session, realm, new ReconcileSummary(provider.getAlias(), trigger, observedAt, Instant.now(), 0, 0, 0, 0, 0,
                    Optional.of(e.getMessage())));
        }
        Tally tally = new Tally();
        tally.failed += listed.unreadable().size();
        List<String> uids = new ArrayList<>(listed.users());
        for (int from = 0; from < uids.size(); from += CHUNK) {
            List<String> chunk = uids.subList(from, Math.min(uids.size(), from + CHUNK));
            inTransaction(realm, provider, (s, applier) -> {
                tally.lockRenewed = RunLock.renew(s, realm.getId(), provider.getAlias(), tally.lockRenewed);
                chunk.forEach(uid -> reconcile(s, provider, applier, uid, listed.observation(uid, observedAt, KycSource.RECONCILIATION), tally));
            });
        }
        recheckPendingKrakenUsers(realm, provider, tally);
        ReconcileSummary summary = new ReconcileSummary(provider.getAlias(), trigger, observedAt, Instant.now(), tally.checked,
                tally.changed, tally.unknown, tally.failed, tally.krakenChecked, Optional.empty());
        LOG.infof("Reconciliation of realm %s with provider %s: %s", realm.getName(), provider.getAlias(), summary.toJson());
        return finish(session, realm, summary);
    }

    /** Keeps the summary as the last run and counts it (runs, duration, users by result). */
    private static ReconcileSummary finish(KeycloakSession session, RealmModel realm, ReconcileSummary summary) {
        FractalMetrics.keycloak().reconciliation(summary.trigger(), summary.succeeded(),
                java.time.Duration.between(summary.startedAt(), summary.finishedAt()), summary.checked(), summary.changed(),
                summary.failed(), summary.unknown());
        return LastRun.record(session, realm, summary);
    }

    /** The same comparison for one user, e.g. an admin's re-check; empty when the user has no Fractal link or Fractal does not list them. */
    public Optional<KycApplier.Outcome> recheck(KeycloakSession session, RealmModel realm, IdentityProviderModel provider, UserModel user)
            throws StatsException {
        Optional<String> uid = session.users().getFederatedIdentitiesStream(realm, user)
                .filter(link -> link.getIdentityProvider().equals(provider.getAlias())).map(link -> link.getUserId()).findFirst();
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        Instant observedAt = Instant.now();
        Optional<KycObservation> seen = FractalStats.api(session, provider, tokens).userVerifications()
                .observation(uid.get(), observedAt, KycSource.ADMIN_RECHECK);
        return seen.map(observation -> FractalProviders.applier(session, realm, provider).apply(user, observation));
    }

    private static void reconcile(KeycloakSession session, IdentityProviderModel provider, KycApplier applier, String uid,
                                  Optional<KycObservation> observation, Tally tally) {
        try {
            Optional<UserModel> user = FractalProviders.linkedUser(session, session.getContext().getRealm(), provider, uid);
            if (user.isEmpty() || observation.isEmpty()) {
                tally.unknown++;
                return;
            }
            tally.checked++;
            if (applier.apply(user.get(), observation.get()) == KycApplier.Outcome.CHANGED) {
                tally.changed++;
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Reconciliation could not apply Fractal's state to one user");
            tally.failed++;
        }
    }

    /** Pending Kraken users, found a page at a time by attribute, asked about at Kraken in chunks. */
    private void recheckPendingKrakenUsers(RealmModel realm, IdentityProviderModel provider, Tally tally) {
        List<String> pending = new ArrayList<>();
        Pages pages = new Pages();
        while (pages.more) {
            inTransaction(realm, provider, (s, applier) -> {
                List<UserModel> page = s.users().searchForUserStream(s.getContext().getRealm(),
                        Map.of(KycAttributes.STATUS, KycStatus.PENDING.value()), pages.first, PAGE).toList();
                page.stream().filter(user -> StoredKyc.of(user).krakenId().isPresent()).map(UserModel::getId).forEach(pending::add);
                pages.first += page.size();
                pages.more = page.size() == PAGE;
            });
        }
        for (int from = 0; from < pending.size(); from += CHUNK) {
            List<String> chunk = pending.subList(from, Math.min(pending.size(), from + CHUNK));
            inTransaction(realm, provider, (s, applier) -> {
                tally.lockRenewed = RunLock.renew(s, realm.getId(), provider.getAlias(), tally.lockRenewed);
                chunk.forEach(id -> recheckKraken(s, id, tally));
            });
        }
    }

    private static void recheckKraken(KeycloakSession session, String userId, Tally tally) {
        UserModel user = session.users().getUserById(session.getContext().getRealm(), userId);
        try {
            if (user != null && KrakenRecheck.recheck(session, user).isPresent()) {
                tally.krakenChecked++;
            }
        } catch (KrakenException | RuntimeException e) {
            LOG.debugf("Reconciliation could not re-check a Kraken user: %s", e.getMessage());
            tally.failed++;
        }
    }

    private interface Work {
        void run(KeycloakSession session, KycApplier applier);
    }

    private void inTransaction(RealmModel realm, IdentityProviderModel provider, Work work) {
        String realmId = realm.getId();
        String alias = provider.getAlias();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel current = session.realms().getRealm(realmId);
            session.getContext().setRealm(current);
            IdentityProviderModel currentProvider = session.identityProviders().getByAlias(alias);
            work.run(session, FractalProviders.applier(session, current, currentProvider));
        });
    }
}
