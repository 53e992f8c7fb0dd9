package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth/token}: the authorization-code, refresh-token and client-credentials grants. Parameters may
 * arrive in the query string (Fractal's own sample), a form body or a JSON body; the client authenticates with
 * {@code client_id}/{@code client_secret} parameters or HTTP Basic.
 */
final class TokenEndpoint implements Exchanges.Endpoint {
    private final SandboxClients clients;
    private final TokenStore tokens;

    TokenEndpoint(SandboxClients clients, TokenStore tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Exchanges.isMethod(exchange, "POST")) {
            Exchanges.methodNotAllowed(exchange, "POST");
            return;
        }
        Map<String, String> params = Exchanges.params(exchange);
        try {
            Exchanges.sendJson(exchange, 200, grant(exchange, params));
        } catch (OAuthError e) {
            if (e.status() == 401 && authorizationHeader(exchange).isPresent()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Fractal ID sandbox\"");
            }
            Exchanges.sendJson(exchange, e.status(), e.body());
        }
    }

    private Map<String, Object> grant(HttpExchange exchange, Map<String, String> params) {
        String grantType = blankToNull(params.get("grant_type"));
        if (grantType == null) {
            throw OAuthError.invalidRequest("Missing required parameter: grant_type.");
        }
        if (!List.of("authorization_code", "refresh_token", "client_credentials").contains(grantType)) {
            throw OAuthError.unsupportedGrantType();
        }
        String clientId = authenticateClient(exchange, params);
        return switch (grantType) {
            case "authorization_code" -> userTokenResponse(tokens.redeemCode(
                    required(params, "code"), clientId, required(params, "redirect_uri")));
            case "refresh_token" -> userTokenResponse(tokens.refresh(required(params, "refresh_token"), clientId));
            default -> clientTokenResponse(tokens.issueClientToken(clientId, clientScopes(params.get("scope"))));
        };
    }

    /** HTTP Basic first (values form-urlencoded per RFC 6749 2.3.1, raw also accepted), else body/query parameters. */
    private String authenticateClient(HttpExchange exchange, Map<String, String> params) {
        Optional<String> header = authorizationHeader(exchange);
        if (header.isPresent()) {
            String[] idAndSecret = basicCredentials(header.get());
            if (idAndSecret != null) {
                String decodedId = Exchanges.decode(idAndSecret[0]);
                if (clients.authenticate(decodedId, Exchanges.decode(idAndSecret[1]))) {
                    return decodedId;
                }
                if (clients.authenticate(idAndSecret[0], idAndSecret[1])) {
                    return idAndSecret[0];
                }
            }
            throw OAuthError.invalidClient();
        }
        String clientId = params.get("client_id");
        if (!clients.authenticate(clientId, params.get("client_secret"))) {
            throw OAuthError.invalidClient();
        }
        return clientId;
    }

    private static Optional<String> authorizationHeader(HttpExchange exchange) {
        return Exchanges.header(exchange, "Authorization")
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6));
    }

    private static String[] basicCredentials(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> clientScopes(String scope) {
        List<String> scopes = Scopes.parse(scope);
        if (!scopes.stream().allMatch(Scopes::grantableToClient)) {
            throw OAuthError.invalidScope();
        }
        return scopes;
    }

    private static Map<String, Object> userTokenResponse(TokenStore.TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", pair.lifetime().toSeconds());
        body.put("refresh_token", pair.refreshToken());
        body.put("scope", String.join(" ", pair.scopes()));
        body.put("created_at", pair.createdAt().getEpochSecond());
        return body;
    }

    /** As in Fractal's client-credentials example: {@code Bearer} capitalised and no refresh token. */
    private static Map<String, Object> clientTokenResponse(TokenStore.TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", pair.lifetime().toSeconds());
        body.put("scope", String.join(" ", pair.scopes()));
        body.put("created_at", pair.createdAt().getEpochSecond());
        return body;
    }

    private static String required(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            throw OAuthError.invalidRequest("Missing required parameter: " + name + ".");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
