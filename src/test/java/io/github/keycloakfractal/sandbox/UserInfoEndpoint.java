package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /users/me} (v1) and {@code GET /v2/users/me} (v2): the resource server. Takes a bearer access token
 * and answers with the token's user as they are now. Presenting a refreshed token here is what revokes the pair
 * it replaced.
 */
final class UserInfoEndpoint implements Exchanges.Endpoint {
    private final TokenStore tokens;
    private final SandboxUsers users;
    private final BiFunction<SandboxUser, GrantedScopes, Map<String, Object>> document;

    private UserInfoEndpoint(TokenStore tokens, SandboxUsers users, BiFunction<SandboxUser, GrantedScopes, Map<String, Object>> document) {
        this.tokens = tokens;
        this.users = users;
        this.document = document;
    }

    static UserInfoEndpoint v1(TokenStore tokens, SandboxUsers users) {
        return new UserInfoEndpoint(tokens, users, UserInfoDocuments::v1);
    }

    static UserInfoEndpoint v2(TokenStore tokens, SandboxUsers users) {
        return new UserInfoEndpoint(tokens, users, UserInfoDocuments::v2);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Exchanges.isMethod(exchange, "GET") && !Exchanges.isMethod(exchange, "HEAD")) {
            Exchanges.methodNotAllowed(exchange, "GET");
            return;
        }
        TokenStore.Use use = tokens.use(BearerAuth.token(exchange).orElse(null));
        if (use.refusal() != null) {
            BearerAuth.refuse(exchange, 401, "invalid_token", use.refusal().description);
            return;
        }
        TokenStore.TokenPair token = use.token();
        if (!token.isUserToken()) {
            BearerAuth.refuse(exchange, 403, "insufficient_scope", BearerAuth.INSUFFICIENT_SCOPE_DESCRIPTION);
            return;
        }
        Optional<SandboxUser> user = users.find(token.userKey());
        if (user.isEmpty()) {
            BearerAuth.refuse(exchange, 401, "invalid_token", TokenStore.Refusal.REVOKED.description);
            return;
        }
        Exchanges.sendJson(exchange, 200, document.apply(user.get(), token.grantedScopes()));
    }
}
