package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import io.github.keycloakfractal.keycloak.setup.RealmSetup;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;

import java.time.Instant;
import java.util.List;

/**
 * Keeps an expired wallet credential out of tokens: when a token is issued after the credential's
 * {@code validUntil}, the wallet role is taken from the user and left out of the token being built. It runs after
 * Keycloak's role mappers (higher priority number), which have already read the user's roles for this token. The
 * extension adds it to the realm's built-in {@code roles} client scope when a Fractal provider is saved (see
 * {@link RealmSetup}); {@link WalletExpirySweep} covers users who get no token.
 */
public final class WalletExpiryMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper, TokenIntrospectionTokenMapper {
    public static final String ID = RealmSetup.WALLET_EXPIRY_MAPPER;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Fractal wallet expiry";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Removes the Fractal wallet-verified role from the user and the token once the wallet's credential has expired.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        return withoutExpiredWallet(token, session, userSession.getUser());
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                                   UserSessionModel userSession, ClientSessionContext context) {
        return withoutExpiredWallet(token, session, userSession.getUser());
    }

    private static AccessToken withoutExpiredWallet(AccessToken token, KeycloakSession session, UserModel user) {
        Instant now = Instant.now();
        if (!StoredKyc.of(user).walletExpired(now)) {
            return token;
        }
        for (IdentityProviderModel provider : FractalProviders.of(session)) {
            FractalProviders.applier(session, session.getContext().getRealm(), provider).expireWallet(user, now);
            AccessToken.Access realmAccess = token.getRealmAccess();
            if (realmAccess != null && realmAccess.getRoles() != null) {
                realmAccess.getRoles().remove(KycRoleNames.from(provider.getConfig()).walletVerified());
            }
        }
        return token;
    }
}
