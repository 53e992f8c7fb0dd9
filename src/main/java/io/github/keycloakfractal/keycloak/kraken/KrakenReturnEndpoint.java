package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kraken.KrakenSession;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /realms/{realm}/fractal/kraken/return?oneTimeToken=...}: where Kraken sends the browser back after the
 * journey. The one-time token is exchanged with Kraken for the Kraken user and its decision; the Kraken user is
 * linked to the person whose authentication session started the journey, the decision is applied, and the browser
 * goes back into the {@code fractal-kyc} required action, which acts on the decision.
 *
 * <p>Binding: the browser's authentication-session cookie names the sessions it may continue, and with the token
 * form of the link Kraken echoes the session's random state as {@code externalState}; a return whose state matches
 * no session of this browser is refused, so a forwarded return link cannot attach someone's Kraken result to
 * another account. The query form (API-key setups) carries no state: then the browser must have exactly one journey
 * under way, which is weaker, and the README recommends the private-key setup.
 */
public final class KrakenReturnEndpoint {
    private static final Logger LOG = Logger.getLogger(KrakenReturnEndpoint.class);
    private static final Pattern ONE_TIME_TOKEN = Pattern.compile("[A-Za-z0-9._~-]{8,512}");

    private final KeycloakSession session;
    private final ReturnRefusals refusals;

    public KrakenReturnEndpoint(KeycloakSession session) {
        this.session = session;
        this.refusals = new ReturnRefusals(session);
    }

    public Response handle(String oneTimeToken) {
        if (oneTimeToken == null || !ONE_TIME_TOKEN.matcher(oneTimeToken).matches()) {
            return refusals.refuse(Response.Status.BAD_REQUEST, "invalid_request",
                    "oneTimeToken is missing or malformed.", "fractalKycReturnInvalid");
        }
        RealmModel realm = session.getContext().getRealm();
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        List<KrakenJourneyNotes> journeys = root == null ? List.of() : root.getAuthenticationSessions().values().stream()
                .map(KrakenJourneyNotes::new).filter(KrakenJourneyNotes::started).toList();
        if (journeys.isEmpty()) {
            return refusals.refuse(Response.Status.BAD_REQUEST, "no_journey",
                    "This browser has no identity verification under way (it may have expired); start again from the application.",
                    "fractalKycReturnNoJourney");
        }
        Optional<KrakenProvider> provider = journeys.get(0).providerAlias().flatMap(alias -> KrakenProvider.find(session, alias));
        if (provider.isEmpty()) {
            return refusals.refuse(Response.Status.BAD_REQUEST, "not_configured",
                    "The Fractal provider that started this verification no longer has Kraken configured.", "fractalKycUnavailable");
        }
        KrakenSession kraken;
        boolean signedLinks;
        try {
            kraken = KrakenClient.api(session, provider.get().settings()).exchange(oneTimeToken);
            signedLinks = KrakenClient.signsJourneyLinks(session, provider.get().settings());
        } catch (KrakenException e) {
            if (e.isRefusal()) {
                return refusals.refuse(Response.Status.BAD_REQUEST, "invalid_token",
                        "Kraken does not know this one-time token, or it was used already.", "fractalKycReturnInvalid");
            }
            LOG.warnf("Kraken return in realm %s not completed: %s", realm.getName(), e.getMessage());
            return refusals.refuse(Response.Status.SERVICE_UNAVAILABLE, "kraken_unavailable",
                    "Kraken could not be asked about this verification; try again in a moment.", "fractalKycKrakenUnavailable");
        }
        Optional<KrakenJourneyNotes> journey = bind(journeys, kraken, signedLinks);
        if (journey.isEmpty()) {
            return refusals.refuse(Response.Status.BAD_REQUEST, "state_mismatch",
                    "This verification was not started in this browser.", "fractalKycReturnMismatch");
        }
        AuthenticationSessionModel authSession = journey.get().authSession();
        UserModel user = authSession.getAuthenticatedUser();
        if (user == null) {
            return refusals.refuse(Response.Status.BAD_REQUEST, "no_journey",
                    "The sign-in that started this verification is not complete.", "fractalKycReturnNoJourney");
        }
        boolean takenByAnother = session.users().searchForUserByUserAttributeStream(realm, KycAttributes.KRAKEN_ID, kraken.userId())
                .anyMatch(other -> !other.getId().equals(user.getId()));
        if (takenByAnother) {
            return refusals.refuse(Response.Status.CONFLICT, "kraken_id_in_use",
                    "This Fractal verification already belongs to another account.", "fractalKycKrakenIdInUse");
        }

        provider.get().applyDecision(session, user, kraken.userId(), kraken.status());
        journey.get().finish(kraken.status());
        // the journey may have taken longer than the realm's user-action lifespan; the bound return renews it
        authSession.getParentSession().setTimestamp(Time.currentTime());

        return Response.seeOther(LoginActionsService.requiredActionProcessor(session.getContext().getUri())
                .queryParam(Constants.EXECUTION, KrakenJourneyActionFactory.ID)
                .queryParam(Constants.CLIENT_ID, authSession.getClient().getClientId())
                .queryParam(Constants.TAB_ID, authSession.getTabId())
                .queryParam(Constants.CLIENT_DATA, AuthenticationProcessor.getClientData(session, authSession))
                .build(realm.getName())).build();
    }

    /** The journey of this browser that Kraken's answer belongs to. */
    private static Optional<KrakenJourneyNotes> bind(List<KrakenJourneyNotes> journeys, KrakenSession kraken, boolean signedLinks) {
        if (kraken.externalState().isPresent()) {
            return journeys.stream().filter(journey -> journey.hasState(kraken.externalState().get())).findFirst();
        }
        // a signed link always carries a state; its absence means the token did not come from our link
        return !signedLinks && journeys.size() == 1 ? Optional.of(journeys.get(0)) : Optional.empty();
    }
}
