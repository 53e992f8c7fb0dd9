package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * Required action {@code fractal-kyc}: "Verify your identity with Fractal". The user sees why they are asked and
 * goes to Kraken's journey with a link whose state belongs to this authentication session; {@link
 * KrakenReturnEndpoint} brings them back with Kraken's decision. Approved ends the action. Pending and rejected
 * show what happened (with Fractal's note when a webhook brought one) and, as the action's configuration says,
 * either let the user continue or hold the sign-in; a held user can check again or start over, and an application
 * that asked with {@code kc_action} lets them cancel. A user whose KYC is approved already passes straight through.
 */
final class KrakenJourneyAction implements RequiredActionProvider {
    private static final Logger LOG = Logger.getLogger(KrakenJourneyAction.class);

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // admins set the action on users, as a default action, or applications ask for it with kc_action
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        KrakenJourneyNotes notes = new KrakenJourneyNotes(context.getAuthenticationSession());
        if (isApproved(context.getUser())) {
            notes.clear();
            context.success();
            return;
        }
        Optional<KrakenProvider> provider = KrakenProvider.find(context.getSession(), settings(context).providerAlias());
        if (provider.isEmpty()) {
            LOG.warnf("Required action %s in realm %s cannot run: no single Fractal provider with Kraken settings "
                    + "(set the provider alias in the action's configuration)", KrakenJourneyActionFactory.ID, context.getRealm().getName());
            context.challenge(JourneyPage.unavailable(context));
            return;
        }
        Optional<KycStatus> outcome = notes.outcome();
        if (outcome.isPresent()) {
            context.challenge(JourneyPage.decision(context, outcome.get(), settings(context).letsUnapprovedContinue()));
            return;
        }
        try {
            String link = KrakenClient.journeyLink(context.getSession(), provider.get().settings(), notes.start(provider.get().model().getAlias()));
            context.challenge(JourneyPage.start(context, link, provider.get().settings().level()));
        } catch (KrakenException e) {
            LOG.warnf("Required action %s in realm %s cannot build the Kraken link: %s", KrakenJourneyActionFactory.ID,
                    context.getRealm().getName(), e.getMessage());
            context.challenge(JourneyPage.unavailable(context));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        KrakenJourneyNotes notes = new KrakenJourneyNotes(context.getAuthenticationSession());
        String choice = context.getHttpRequest().getDecodedFormParameters().getFirst("action");
        if ("continue".equals(choice) && notes.outcome().isPresent() && settings(context).letsUnapprovedContinue()) {
            context.success();
            return;
        }
        if ("restart".equals(choice)) {
            notes.clear();
        } else if ("check".equals(choice)) {
            checkAgain(context, notes);
        }
        requiredActionChallenge(context);
    }

    /** Asks Kraken again for a user who came back pending; a decision made meanwhile is applied like any other. */
    private static void checkAgain(RequiredActionContext context, KrakenJourneyNotes notes) {
        try {
            KrakenRecheck.recheck(context.getSession(), context.getUser(), notes.providerAlias()).ifPresent(notes::finish);
        } catch (KrakenException e) {
            LOG.warnf("Kraken status check for the %s action failed: %s", KrakenJourneyActionFactory.ID, e.getMessage());
        }
    }

    private static boolean isApproved(UserModel user) {
        return StoredKyc.of(user).approved();
    }

    private static JourneySettings settings(RequiredActionContext context) {
        return JourneySettings.of(context.getConfig());
    }

    @Override
    public void close() {
    }
}
