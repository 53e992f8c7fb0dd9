package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.fractal.FractalEndpoints;
import io.github.keycloakfractal.fractal.FractalScopes;
import io.github.keycloakfractal.fractal.HttpTransport;
import io.github.keycloakfractal.fractal.profile.CompanyNames;
import io.github.keycloakfractal.fractal.profile.FractalProfile;
import io.github.keycloakfractal.keycloak.http.KeycloakHttp;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.broker.social.SocialIdentityProvider;
import org.keycloak.util.Booleans;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Fractal's OAuth2 authorization-code flow as a Keycloak identity provider. Keycloak's OAuth2 base does the
 * redirect, state check, code exchange (client id and secret as form parameters) and, with "Store tokens" on, the
 * refresh of an expired stored token keeping Fractal's rotated refresh token. This class adds what is Fractal's own:
 * the URLs of the chosen environment, the scopes of the chosen user-info shape, reading either shape, a company's names
 * and the email-verified rule.
 */
public final class FractalIdentityProvider extends AbstractOAuth2IdentityProvider<FractalIdentityProviderConfig>
        implements SocialIdentityProvider<FractalIdentityProviderConfig> {
    private static final Logger LOG = Logger.getLogger(FractalIdentityProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    FractalIdentityProvider(KeycloakSession session, FractalIdentityProviderConfig config) {
        super(session, config);
        FractalEndpoints endpoints = config.client().endpoints();
        config.setAuthorizationUrl(endpoints.authorizeUrl());
        config.setTokenUrl(endpoints.tokenUrl());
        config.setUserInfoUrl(endpoints.userInfoUrl());
        // a provider an older release saved with v1 scopes on the v2 shape asks what v2 needs, without being saved again
        config.setDefaultScope(FractalScopes.effective(config.client().shape(), config.getDefaultScope()));
    }

    /** Keycloak's base asks for these when the provider has no scopes: the chosen user-info shape's. */
    @Override
    protected String getDefaultScopes() {
        return FractalScopes.defaultFor(getConfig().client().shape());
    }

    @Override
    protected BrokeredIdentityContext doGetFederatedIdentity(String accessToken) {
        try {
            HttpTransport.Answer answer = KeycloakHttp.transport(session, "userinfo").get(getConfig().getUserInfoUrl(), Optional.of(accessToken));
            if (answer.status() / 100 != 2) {
                LOG.warnf("Fractal user info for provider '%s' answered HTTP %d", getConfig().getAlias(), answer.status());
                throw new IdentityBrokerException("Could not read the user's Fractal profile");
            }
            return extractIdentityFromProfile(null, JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new IdentityBrokerException("Could not read the user's Fractal profile", e);
        }
    }

    /** The brokered identity is Fractal's {@code uid}; the whole user info is kept for mappers. */
    @Override
    protected BrokeredIdentityContext extractIdentityFromProfile(EventBuilder event, JsonNode userInfo) {
        FractalProfile profile = FractalContext.profile(userInfo);
        BrokeredIdentityContext context = new BrokeredIdentityContext(profile.uid(), getConfig());
        context.setUsername(profile.email().orElse(profile.uid()));
        profile.email().ifPresent(context::setEmail);
        CompanyNames companies = getConfig().companyNames();
        profile.firstName(companies).ifPresent(context::setFirstName);
        profile.lastName(companies).ifPresent(context::setLastName);
        context.setIdp(this);
        FractalContext.store(context, userInfo, getConfig().getAlias());
        return context;
    }

    /**
     * Runs on every login, new user or not, whatever the sync mode: Fractal's facts and the KYC state (attributes and
     * roles, through the one applier) must never go stale.
     */
    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        super.updateBrokeredUser(session, realm, user, context);
        FractalContext fractal = new FractalContext(context);
        FractalProviders.applier(session, realm, getConfig()).applyLogin(user, fractal.profile(), fractal.observation());
    }

    /**
     * Keycloak marks a brokered email verified when "Trust email" is on. Fractal says per address whether it is the
     * verified login email ({@code source_type: registration}), so an address is verified only when both agree.
     */
    @Override
    protected void setEmailVerified(UserModel user, BrokeredIdentityContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean isNewUser = Boolean.parseBoolean(authSession.getAuthNote(BROKER_REGISTERED_NEW_USER));
        if (isNewUser || !context.getEmail().equalsIgnoreCase(user.getEmail())) {
            boolean fractalVerified = new FractalContext(context).profile().emailVerified();
            user.setEmailVerified(fractalVerified && Booleans.isTrue(getConfig().isTrustEmail()));
        }
    }
}
