package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's sign-in through an identity provider, driven over HTTP without a browser: the same requests a browser
 * sends (redirects followed one by one, cookies kept, the sandbox's consent form posted), without page rendering,
 * scripts and a browser's own timing noise, which on two shared cores would swamp a difference of a few per cent.
 * Each sign-in starts with no cookies (a browser that was closed: a returning user, not a live session). The app sends
 * {@code kc_idp_hint}, so Keycloak skips its login page and goes to the provider straight away.
 */
final class BrowserlessLogin {
    private static final Pattern SECURE = Pattern.compile(";\\s*Secure(?=;|$)", Pattern.CASE_INSENSITIVE);
    /** How long the parts of one sign-in took, in nanoseconds: all of it, and Keycloak's broker callback alone. */
    record Timing(long total, long callback) {
    }

    private final FractalRealm realm;
    private final String sandboxBase;
    private final String sandboxUser;

    BrowserlessLogin(FractalRealm realm, String sandboxBase, String sandboxUser) {
        this.realm = realm;
        this.sandboxBase = sandboxBase;
        this.sandboxUser = sandboxUser;
    }

    /**
     * Signs in through the provider {@code alias}: the app's authorization request, Keycloak's redirect to the sandbox,
     * the consent page and its approval, Keycloak's callback (code exchange and user info at the sandbox, the returning
     * user found by their link, the provider's updates, the user session) up to the app's redirect, then the app's code
     * exchange for tokens.
     */
    Timing signIn(String alias) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        String authorize = redirectsUntil(browser, new TestAppUrls(realm).authorizationUrl() + "&kc_idp_hint=" + alias, sandboxBase + "/authorize");
        expect(browser.send(get(authorize), HttpResponse.BodyHandlers.ofString()), 200, "consent page");
        String form = URI.create(authorize).getRawQuery() + "&user=" + sandboxUser + "&decision=approve";
        HttpResponse<String> approved = browser.send(HttpRequest.newBuilder(URI.create(sandboxBase + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = location(approved, "consent approval");
        long callbackStart = System.nanoTime();
        String landed = redirectsUntil(browser, callback, realm.appRedirectUri());
        long callbackEnd = System.nanoTime();
        new TestAppUrls(realm).exchange(browser, landed);
        return new Timing(System.nanoTime() - start, callbackEnd - callbackStart);
    }

    /** GETs {@code url} and the redirects that follow until one leads to {@code prefix}; returns that location. */
    private static String redirectsUntil(HttpClient browser, String url, String prefix) throws IOException, InterruptedException {
        String next = url;
        for (int hop = 0; hop < 10; hop++) {
            String location = location(browser.send(get(next), HttpResponse.BodyHandlers.ofString()), next);
            if (location.startsWith(prefix)) {
                return location;
            }
            next = URI.create(next).resolve(location).toString();
        }
        throw new IllegalStateException("more than 10 redirects from " + url);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static String location(HttpResponse<String> answer, String what) {
        if (answer.statusCode() / 100 != 3) {
            String body = answer.body().length() > 600 ? answer.body().substring(0, 600) : answer.body();
            throw new IllegalStateException(what + " answered " + answer.statusCode() + " instead of a redirect: " + body);
        }
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private static void expect(HttpResponse<String> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + answer.statusCode());
        }
    }

    /**
     * A browser's cookie jar for a server on 127.0.0.1: browsers count the loopback address as a secure context and
     * send {@code Secure} cookies to it over plain HTTP, and so Keycloak marks its cookies {@code Secure} there; Java's
     * cookie manager would withhold them, so the attribute is dropped before they are stored.
     */
    private static final class LoopbackCookies extends CookieHandler {
        private final CookieManager jar = new CookieManager();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return jar.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            Map<String, List<String>> headers = new HashMap<>();
            responseHeaders.forEach((name, values) -> headers.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(value -> SECURE.matcher(value).replaceAll("")).toList() : values));
            jar.put(uri, headers);
        }
    }

    /** The test app's side: its authorization request and its code exchange (client secret), as TestApp does in a browser. */
    private record TestAppUrls(FractalRealm realm) {
        String authorizationUrl() {
            return realm.url() + "/protocol/openid-connect/auth?client_id=" + FractalRealm.APP_CLIENT
                    + "&response_type=code&scope=openid&redirect_uri=" + AdminApi.encode(realm.appRedirectUri());
        }

        void exchange(HttpClient http, String landed) throws IOException, InterruptedException {
            String code = Arrays.stream(URI.create(landed).getRawQuery().split("&")).filter(p -> p.startsWith("code="))
                    .map(p -> p.substring(5)).collect(Collectors.joining());
            if (code.isEmpty()) {
                throw new IllegalStateException("Keycloak sent the app no code: " + landed);
            }
            String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + AdminApi.encode(realm.appRedirectUri())
                    + "&client_id=" + FractalRealm.APP_CLIENT + "&client_secret=" + FractalRealm.APP_SECRET;
            expect(http.send(HttpRequest.newBuilder(URI.create(realm.url() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString()), 200, "token endpoint");
        }
    }
}
