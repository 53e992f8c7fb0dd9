package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request and response plumbing shared by the sandbox's endpoints: reading parameters from the query string, a
 * form body or a JSON body (Fractal's clients use all three), and writing JSON, HTML and redirects.
 */
final class Exchanges {
    /** Configured once and only read afterwards, so it is safe to share between threads. */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    /** An endpoint body; the wrapper in {@link #route} handles paths, failures and closing the exchange. */
    @FunctionalInterface
    interface Endpoint {
        void handle(HttpExchange exchange) throws IOException;
    }

    private Exchanges() {
    }

    /**
     * Serves exactly {@code path} (the JDK server matches contexts by prefix) and answers anything below it 404.
     */
    static HttpHandler route(String path, Endpoint endpoint) {
        return guarded(path, exchange -> {
            if (exchange.getRequestURI().getPath().equals(path)) {
                endpoint.handle(exchange);
            } else {
                sendJson(exchange, 404, Map.of("error", "not_found"));
            }
        });
    }

    /**
     * Closes the exchange whatever happens and turns an unexpected failure into a 500 without details (never
     * echo a request: it may carry secrets).
     */
    static HttpHandler guarded(String name, Endpoint endpoint) {
        return exchange -> {
            try {
                endpoint.handle(exchange);
            } catch (RuntimeException e) {
                System.err.println("Fractal sandbox: " + exchange.getRequestMethod() + " " + name + " failed: " + e.getClass().getName());
                try {
                    sendJson(exchange, 500, Map.of("error", "server_error"));
                } catch (IOException | RuntimeException ignored) {
                    // the response had already started
                }
            } finally {
                exchange.close();
            }
        };
    }

    static boolean isMethod(HttpExchange exchange, String method) {
        return exchange.getRequestMethod().equalsIgnoreCase(method);
    }

    static Optional<String> header(HttpExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    static Map<String, String> query(HttpExchange exchange) {
        return urlEncoded(exchange.getRequestURI().getRawQuery());
    }

    /**
     * Query parameters overlaid with body parameters (a body value wins, as in Rails, which Fractal runs on). The
     * body is read as JSON when it says so or looks like an object, else as a form.
     */
    static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = query(exchange);
        String body = body(exchange);
        if (body.isBlank()) {
            return params;
        }
        String type = header(exchange, "Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean json = type.contains("json") || (!type.contains("x-www-form-urlencoded") && body.trim().startsWith("{"));
        params.putAll(json ? jsonObject(body) : urlEncoded(body));
        return params;
    }

    /** First value of each name; a malformed escape is kept as it was sent. */
    static Map<String, String> urlEncoded(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Appends query parameters to a URI that may already have a query (null values are skipped). */
    static String withQuery(String uri, Map<String, String> params) {
        StringBuilder out = new StringBuilder(uri);
        boolean needsSeparator = !(uri.endsWith("?") || uri.endsWith("&"));
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() == null) {
                continue;
            }
            if (needsSeparator) {
                out.append(out.indexOf("?") < 0 ? '?' : '&');
            }
            out.append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            needsSeparator = true;
        }
        return out.toString();
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, html.getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        sendJson(exchange, 405, Map.of("error", "method_not_allowed"));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        boolean head = isMethod(exchange, "HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Top-level scalar members of a JSON object as strings; anything else is ignored. */
    private static Map<String, String> jsonObject(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                        values.put(field.getKey(), field.getValue().asText());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON after all: no body parameters
        }
        return values;
    }

    /** Any absolute http(s) URI without a fragment: the sandbox does not keep a list of registered redirect URIs. */
    static boolean isAcceptableRedirectUri(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getFragment() == null && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
