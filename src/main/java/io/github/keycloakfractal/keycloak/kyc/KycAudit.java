package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * Records each change of a user's KYC state as a Keycloak user event, visible under the realm's events when they
 * are enabled. Keycloak's event types are a closed list, so it is an {@code UPDATE_PROFILE} event whose
 * {@code context} detail says {@code FRACTAL_KYC}. Details hold the source, the statuses and level names only:
 * never a token, a secret or a personal document.
 */
public final class KycAudit {
    public static final String CONTEXT = "FRACTAL_KYC";

    private final KeycloakSession session;
    private final RealmModel realm;

    public KycAudit(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void walletExpired(UserModel user) {
        event()
                .event(EventType.UPDATE_PROFILE)
                .user(user)
                .detail("context", CONTEXT)
                .detail("fractal_source", "credential-expiry")
                .detail("fractal_wallet", "expired")
                .success();
    }

    void stateChanged(UserModel user, Optional<KycStatus> oldStatus, KycStanding standing, KycSource source) {
        event()
                .event(EventType.UPDATE_PROFILE)
                .user(user)
                .detail("context", CONTEXT)
                .detail("fractal_source", source.value())
                .detail("fractal_old_status", oldStatus.map(KycStatus::value).orElse("none"))
                .detail("fractal_new_status", standing.status().map(KycStatus::value).orElse("none"))
                .detail("fractal_levels", String.join("+", standing.grantedLevels()))
                .success();
    }

    /** The caller's address when there is a request; background work (expiry sweep, reconciliation) has none. */
    private EventBuilder event() {
        EventBuilder event = new EventBuilder(realm, session);
        try {
            event.ipAddress(session.getContext().getConnection().getRemoteHost());
        } catch (RuntimeException noRequest) {
            // outside an HTTP request Keycloak cannot name a client connection (ContextNotActiveException)
        }
        return event;
    }
}
