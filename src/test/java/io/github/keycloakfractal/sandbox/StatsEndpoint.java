package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fractal's statistics API, {@code GET /v2/stats/{user,total,country}-verifications} (fractal-api.md section 7),
 * for a client-credentials token with {@code client.stats:read}.
 *
 * <p>Answers in this order: 503 while {@link SandboxStats#setDown down} (an unreachable Fractal refuses before it
 * authenticates anything), 404 for another path, 405 for another method, 401 {@code invalid_token} for a missing,
 * unknown, revoked or expired token, 403 {@code insufficient_scope} for a token without {@code client.stats:read}
 * (every user token: users cannot grant that scope), then the statistics of all users, computed from their current
 * data in one pass. The sandbox has one set of users, so every client sees all of them.
 */
final class StatsEndpoint implements Exchanges.Endpoint {
    static final String PREFIX = "/v2/stats/";

    private enum Report {
        USERS("user-verifications"),
        TOTALS("total-verifications"),
        COUNTRIES("country-verifications");

        final String path;

        Report(String name) {
            this.path = PREFIX + name;
        }

        static Report at(String path) {
            for (Report report : values()) {
                if (report.path.equals(path)) {
                    return report;
                }
            }
            return null;
        }
    }

    private final SandboxStats stats;
    private final TokenStore tokens;

    StatsEndpoint(SandboxStats stats, TokenStore tokens) {
        this.stats = stats;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        stats.counted();
        if (stats.isDown()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", "service_unavailable");
            body.put("error_description", "The sandbox is down (SandboxStats.setDown).");
            Exchanges.sendJson(exchange, 503, body);
            return;
        }
        Report report = Report.at(exchange.getRequestURI().getPath());
        if (report == null) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        if (!Exchanges.isMethod(exchange, "GET") && !Exchanges.isMethod(exchange, "HEAD")) {
            Exchanges.methodNotAllowed(exchange, "GET");
            return;
        }
        TokenStore.Use use = tokens.use(BearerAuth.token(exchange).orElse(null));
        if (use.refusal() != null) {
            BearerAuth.refuse(exchange, 401, "invalid_token", use.refusal().description);
            return;
        }
        if (!use.token().scopes().contains(Scopes.CLIENT_STATS)) {
            BearerAuth.refuse(exchange, 403, "insufficient_scope", BearerAuth.INSUFFICIENT_SCOPE_DESCRIPTION);
            return;
        }
        List<SandboxStats.User> users = stats.snapshot();
        Object body = switch (report) {
            case USERS -> stats.isOriginalShape() ? originalUserVerifications(users) : userVerifications(users);
            case TOTALS -> counts(users.stream().map(SandboxStats.User::overall).toList(), true);
            case COUNTRIES -> countryVerifications(users);
        };
        if (report == Report.USERS && stats.isCutOff()) {
            sendHalf(exchange, Exchanges.JSON.writeValueAsBytes(body));
            return;
        }
        Exchanges.sendJson(exchange, 200, body);
    }

    /**
     * A 200 that announces all of {@code body} and sends half of it. The exchange is closed by the caller
     * ({@link Exchanges#guarded}); the JDK server then finds the body short and drops the connection.
     */
    private static void sendHalf(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
    }

    /** Today's shape: one row per user and case. */
    private static List<Map<String, String>> userVerifications(List<SandboxStats.User> users) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (SandboxStats.User user : users) {
            for (SandboxStats.Case verificationCase : user.cases()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("user_id", user.uid());
                row.put("level", verificationCase.level());
                row.put("credential", verificationCase.credential());
                rows.add(row);
            }
        }
        return rows;
    }

    /** The 2019 shape: each user's overall status by uid. */
    private static Map<String, String> originalUserVerifications(List<SandboxStats.User> users) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (SandboxStats.User user : users) {
            statuses.put(user.uid(), user.overall());
        }
        return statuses;
    }

    /** Overall statuses by residential country (sorted by code); users without a known country are left out. */
    private static Map<String, Map<String, Integer>> countryVerifications(List<SandboxStats.User> users) {
        Map<String, List<String>> byCountry = new TreeMap<>();
        for (SandboxStats.User user : users) {
            if (user.country() != null && !user.country().isBlank()) {
                byCountry.computeIfAbsent(user.country(), country -> new ArrayList<>()).add(user.overall());
            }
        }
        Map<String, Map<String, Integer>> countries = new LinkedHashMap<>();
        byCountry.forEach((country, statuses) -> countries.put(country, counts(statuses, false)));
        return countries;
    }

    /**
     * Counts in Fractal's order. {@code allFour}: the four documented statuses always appear, zero or not (the totals);
     * otherwise zero counts are omitted (a country). {@code expired}, undocumented for the counts, only when non-zero.
     */
    private static Map<String, Integer> counts(List<String> statuses, boolean allFour) {
        Map<String, Integer> tally = new LinkedHashMap<>();
        for (String outcome : StatsOutcomes.COUNT_ORDER) {
            tally.put(outcome, 0);
        }
        for (String status : statuses) {
            tally.merge(status, 1, Integer::sum);
        }
        tally.entrySet().removeIf(entry -> entry.getValue() == 0
                && (!allFour || entry.getKey().equals(StatsOutcomes.EXPIRED)));
        return tally;
    }
}
