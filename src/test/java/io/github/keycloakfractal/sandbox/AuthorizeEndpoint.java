package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /authorize}: GET shows the consent page (the sandbox has no login: the user picks a seeded identity), the
 * form POSTs back here and the user's decision is redirected to the application. Validation follows Doorkeeper: a
 * request whose client or redirect URI cannot be trusted gets an error page, any other problem is redirected.
 */
final class AuthorizeEndpoint implements Exchanges.Endpoint {
    private static final String DENIED = "The resource owner or authorization server denied the request.";

    private final SandboxClients clients;
    private final SandboxUsers users;
    private final TokenStore tokens;

    /** A request that passed validation: the parameters as sent (to carry through the form) and the scopes asked. */
    record Request(Map<String, String> params, List<String> requestedScopes) {
        String clientId() {
            return params.get("client_id");
        }

        String redirectUri() {
            return params.get("redirect_uri");
        }

        String state() {
            return params.get("state");
        }
    }

    AuthorizeEndpoint(SandboxClients clients, SandboxUsers users, TokenStore tokens) {
        this.clients = clients;
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (Exchanges.isMethod(exchange, "GET")) {
            Request request = validate(exchange, Exchanges.query(exchange));
            if (request != null) {
                Exchanges.sendHtml(exchange, 200, AuthorizePage.consent(request, users.all()));
            }
        } else if (Exchanges.isMethod(exchange, "POST")) {
            decide(exchange, Exchanges.params(exchange));
        } else {
            Exchanges.methodNotAllowed(exchange, "GET, POST");
        }
    }

    private void decide(HttpExchange exchange, Map<String, String> form) throws IOException {
        String userKey = form.remove("user");
        String decision = form.remove("decision");
        Request request = validate(exchange, form);
        if (request == null) {
            return;
        }
        if ("deny".equals(decision)) {
            redirectError(exchange, request.redirectUri(), "access_denied", DENIED, request.state());
            return;
        }
        SandboxUser user = users.find(userKey).orElse(null);
        if (!"approve".equals(decision) || user == null) {
            Exchanges.sendHtml(exchange, 400, Html.errorPage("An error has occurred",
                    user == null ? "Pick one of the sandbox users." : "The decision must be approve or deny."));
            return;
        }
        List<String> granted = Scopes.grant(request.requestedScopes(), user.isInstitution());
        String code = tokens.issueCode(request.clientId(), request.redirectUri(), user.key(), granted);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", request.state());
        Exchanges.redirect(exchange, Exchanges.withQuery(request.redirectUri(), params));
    }

    /** The validated request, or null once an error page or error redirect has been sent. */
    private Request validate(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (!clients.exists(params.get("client_id"))) {
            Exchanges.sendHtml(exchange, 400, Html.errorPage("An error has occurred",
                    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."));
            return null;
        }
        String redirectUri = params.get("redirect_uri");
        if (!Exchanges.isAcceptableRedirectUri(redirectUri)) {
            Exchanges.sendHtml(exchange, 400, Html.errorPage("An error has occurred",
                    "The requested redirect uri is malformed or doesn't match client redirect URI."));
            return null;
        }
        String state = blankToNull(params.get("state"));
        String responseType = blankToNull(params.get("response_type"));
        if (responseType == null) {
            redirectError(exchange, redirectUri, "invalid_request", "Missing required parameter: response_type.", state);
            return null;
        }
        if (!responseType.equals("code")) {
            redirectError(exchange, redirectUri, "unsupported_response_type",
                    "The authorization server does not support this response type.", state);
            return null;
        }
        if (state == null) {
            redirectError(exchange, redirectUri, "invalid_request", "Missing required parameter: state.", null);
            return null;
        }
        List<String> scopes = Scopes.parse(params.get("scope"));
        if (!Scopes.unknownToUsers(scopes).isEmpty()) {
            redirectError(exchange, redirectUri, "invalid_scope", "The requested scope is invalid, unknown, or malformed.", state);
            return null;
        }
        return new Request(Collections.unmodifiableMap(new LinkedHashMap<>(params)), scopes);
    }


    private static void redirectError(HttpExchange exchange, String redirectUri, String error, String description, String state)
            throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        Exchanges.redirect(exchange, Exchanges.withQuery(redirectUri, params));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
