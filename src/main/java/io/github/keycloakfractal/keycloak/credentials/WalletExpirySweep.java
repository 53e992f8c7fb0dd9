package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.timer.ScheduledTask;

import java.time.Instant;
import java.util.List;

/**
 * Takes the wallet role from users whose credential has ended, for users who get no token in the meantime (tokens
 * are checked by {@link WalletExpiryMapper}). It walks the role's members, a page at a time, never every user. Every
 * node schedules it; Keycloak's cluster-aware runner keeps runs from overlapping and the single-use marker lets one
 * run happen per interval across the cluster.
 */
public final class WalletExpirySweep implements ScheduledTask {
    private static final Logger LOG = Logger.getLogger(WalletExpirySweep.class);
    private static final int PAGE = 100;

    private final long intervalSeconds;

    public WalletExpirySweep(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void run(KeycloakSession session) {
        // every node runs the timer; the marker, alive for just under one interval, lets one of them work per interval
        if (!session.singleUseObjects().putIfAbsent("fractal-wallet-expiry-run", Math.max(1, intervalSeconds - 1))) {
            return;
        }
        Instant now = Instant.now();
        int expired = session.realms().getRealmsStream().mapToInt(realm -> sweep(session, realm, now)).sum();
        if (expired > 0) {
            LOG.infof("Fractal wallet credentials expired: %d role(s) removed", expired);
        }
    }

    private static int sweep(KeycloakSession session, RealmModel realm, Instant now) {
        session.getContext().setRealm(realm);
        int expired = 0;
        for (IdentityProviderModel provider : FractalProviders.of(session)) {
            RoleModel role = realm.getRole(KycRoleNames.from(provider.getConfig()).walletVerified());
            if (role == null) {
                continue;
            }
            KycApplier applier = FractalProviders.applier(session, realm, provider);
            int first = 0;
            List<UserModel> page;
            do {
                page = session.users().getRoleMembersStream(realm, role, first, PAGE).toList();
                int removed = 0;
                for (UserModel user : page) {
                    if (applier.expireWallet(user, now)) {
                        removed++;
                    }
                }
                expired += removed;
                first += page.size() - removed;
            } while (page.size() == PAGE);
        }
        return expired;
    }
}
