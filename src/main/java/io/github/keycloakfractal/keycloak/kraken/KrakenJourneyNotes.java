package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What an authentication session remembers of its Kraken journey: the random state put into the journey link (so
 * the return can prove it belongs to this session), the provider whose settings started it, and, once the user is
 * back, Kraken's decision. Auth-session notes live in Keycloak's distributed session store, so the return may land
 * on another node of a cluster.
 */
final class KrakenJourneyNotes {
    private static final String STATE = "fractal.kraken.state";
    private static final String PROVIDER = "fractal.kraken.provider";
    private static final String OUTCOME = "fractal.kraken.outcome";

    private final AuthenticationSessionModel authSession;

    KrakenJourneyNotes(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    /** The journey's state; one per session, so a reloaded page does not orphan a link opened earlier. */
    String start(String providerAlias) {
        String state = authSession.getAuthNote(STATE);
        if (state == null) {
            state = SecretGenerator.getInstance().randomString(32);
            authSession.setAuthNote(STATE, state);
        }
        authSession.setAuthNote(PROVIDER, providerAlias);
        return state;
    }

    boolean started() {
        return authSession.getAuthNote(STATE) != null;
    }

    boolean hasState(String candidate) {
        String state = authSession.getAuthNote(STATE);
        return state != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> providerAlias() {
        return Optional.ofNullable(authSession.getAuthNote(PROVIDER));
    }

    /** The user is back: the state is spent, the decision is kept for the required action to act on. */
    void finish(KycStatus outcome) {
        authSession.removeAuthNote(STATE);
        authSession.setAuthNote(OUTCOME, outcome.value());
    }

    Optional<KycStatus> outcome() {
        try {
            return Optional.ofNullable(authSession.getAuthNote(OUTCOME)).map(KycStatus::parse);
        } catch (UnknownKycValueException unreadable) {
            return Optional.empty();
        }
    }

    void clear() {
        authSession.removeAuthNote(STATE);
        authSession.removeAuthNote(PROVIDER);
        authSession.removeAuthNote(OUTCOME);
    }

    AuthenticationSessionModel authSession() {
        return authSession;
    }
}
