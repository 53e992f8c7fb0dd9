package io.github.keycloakfractal.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The consent page: which application asks for what, a choice of sandbox user (instead of a login), Approve and
 * Deny. Browser tests find the controls by id: {@code #user}, {@code #approve}, {@code #deny}; every original
 * request parameter rides along in a hidden input.
 */
final class AuthorizePage {
    private AuthorizePage() {
    }

    static String consent(AuthorizeEndpoint.Request request, List<SandboxUser> users) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.TITLE).append("</h1>\n")
                .append("<p>The application <strong>").append(Html.escape(request.clientId()))
                .append("</strong> asks for access to your Fractal ID:</p>\n<ul class=\"scopes\">\n");
        for (String scope : request.requestedScopes()) {
            body.append("<li><code>").append(Html.escape(scope)).append("</code> ")
                    .append(Html.escape(describe(scope))).append("</li>\n");
        }
        body.append("</ul>\n<form method=\"post\" action=\"/authorize\">\n");
        for (Map.Entry<String, String> param : request.params().entrySet()) {
            body.append("<input type=\"hidden\" name=\"").append(Html.escape(param.getKey()))
                    .append("\" value=\"").append(Html.escape(param.getValue())).append("\">\n");
        }
        body.append("<label for=\"user\">Continue as</label>\n<select id=\"user\" name=\"user\">\n");
        for (SandboxUser user : users) {
            body.append("<option value=\"").append(Html.escape(user.key())).append("\">")
                    .append(Html.escape(user.describe())).append("</option>\n");
        }
        body.append("</select>\n<div class=\"actions\">")
                .append("<button id=\"approve\" name=\"decision\" value=\"approve\">Approve</button>")
                .append("<button id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>")
                .append("</div>\n</form>\n")
                .append("<p class=\"note\">A test double of Fractal ID: no login, no real data. ")
                .append("Approving sends you back to the application with an authorization code.</p>");
        return Html.page(body.toString());
    }

    private static String describe(String scope) {
        if (scope.equals(Scopes.UID)) {
            return "your anonymous Fractal user id";
        }
        if (Scopes.isContact(scope)) {
            return "your email address or phone number";
        }
        if (Scopes.isPerson(scope) || Scopes.isInstitution(scope)) {
            return "your " + scope.substring(scope.indexOf('.') + 1, scope.indexOf(':')).replace('_', ' ');
        }
        String details = Scopes.verificationName(scope, true);
        if (details != null) {
            return "the data you submitted for the " + details + " verification";
        }
        String level = Scopes.verificationName(scope, false);
        return level != null ? "the status of your " + level + " verification" : "";
    }
}
