package io.github.keycloakfractal.keycloak.setup;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import java.util.HashMap;
import java.util.Optional;

/**
 * Puts the wallet-expiry token mapper ({@value RealmSetup#WALLET_EXPIRY_MAPPER}) into the realm's built-in
 * {@code roles} client scope, which OIDC clients carry by default, so every token that lists realm roles is checked
 * without an admin wiring each client. Only adds what is missing. A realm without that scope is logged, and the
 * periodic sweep is then what removes expired wallet roles.
 */
final class WalletExpiryScope {
    private static final Logger LOG = Logger.getLogger(WalletExpiryScope.class);
    private static final String ROLES_SCOPE = "roles";
    static final String MAPPER_NAME = "fractal wallet expiry";

    private WalletExpiryScope() {
    }

    static void install(RealmModel realm) {
        Optional<ClientScopeModel> roles = realm.getClientScopesStream()
                .filter(scope -> ROLES_SCOPE.equals(scope.getName()) && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(scope.getProtocol()))
                .findFirst();
        if (roles.isEmpty()) {
            LOG.warnf("Realm %s has no '%s' client scope; add the '%s' mapper to your clients so expired wallet roles leave tokens",
                    realm.getName(), ROLES_SCOPE, RealmSetup.WALLET_EXPIRY_MAPPER);
            return;
        }
        if (roles.get().getProtocolMappersStream().noneMatch(mapper -> RealmSetup.WALLET_EXPIRY_MAPPER.equals(mapper.getProtocolMapper()))) {
            ProtocolMapperModel mapper = new ProtocolMapperModel();
            mapper.setName(MAPPER_NAME);
            mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            mapper.setProtocolMapper(RealmSetup.WALLET_EXPIRY_MAPPER);
            mapper.setConfig(new HashMap<>());
            roles.get().addProtocolMapper(mapper);
        }
    }
}
