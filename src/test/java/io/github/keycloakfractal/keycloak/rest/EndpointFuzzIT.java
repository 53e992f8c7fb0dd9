package io.github.keycloakfractal.keycloak.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.BodyMutator;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input through the real server: at least 500 seeded mutations per endpoint of the realm resource (signed
 * webhook bodies, wallet binding bodies, bearer tokens, one-time tokens, odd content types). Every answer is a JSON
 * refusal (or, for a body that happens to stay valid, what that body means), never a server error, and no user's state
 * changes. The seed is printed so a failure can be replayed.
 */
@ExtendWith(RealKeycloak.class)
class EndpointFuzzIT {
    private static final int PER_ENDPOINT = 500;
    private static final String SECRET = "whsec-fuzz-55aa";
    private static final String KRAKEN_SECRET = "kraken-fuzz-66bb";
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "*/*",
            "application/octet-stream", "image/png", "application/json;;;", "");

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private FractalRealm realm;
    private String victimId;
    private String victimUid;
    private long seed;

    EndpointFuzzIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @BeforeEach
    void aRealmWithAVerifiedUser() throws Exception {
        seed = Long.getLong("fuzz.seed", 20261130L);
        System.out.println("EndpointFuzzIT seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET)
                .vaultSecret("krakenwebhook", KRAKEN_SECRET).vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("krakenClientId", SandboxKraken.CLIENT_ID).config("krakenUrl", sandbox.krakenUrl())
                .config("krakenApiKey", "${vault.krakenapikey}").config("krakenWebhookSecrets", "${vault.krakenwebhook}")
                .config("krakenConfirmStatus", "false")
                .config("credentialsUrl", sandbox.credentialsUrl()).config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .create("fuzz");
        victimUid = "victim-" + System.nanoTime();
        victimId = realm.createLinkedUser("victim", victimUid);
        HttpResponse<String> approved = new WebhookSender(realm.webhookUrl(), SECRET)
                .deliver(legacy("verification_approved", victimUid, "basic", Instant.now().minus(1, ChronoUnit.HOURS)));
        assertThat(approved.statusCode()).isEqualTo(200);
    }

    @Test
    void mutatedSignedLegacyWebhooks() throws Exception {
        BodyMutator mutator = new BodyMutator(seed);
        String nobody = "{\"type\":\"verification_rejected\",\"data\":{\"user_id\":\"nobody-" + seed + "\",\"level\":\"basic+liveness\","
                + "\"timestamp\":\"2026-01-01T00:00:00Z\"}}";
        String email = "{\"type\":\"email_changed\",\"data\":{\"user_id\":\"nobody\",\"email\":\"x@example.org\",\"timestamp\":\"2026-01-01T00:00:00Z\"}}";
        assertNothingChanges(() -> {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                byte[] body = mutator.mutate(i % 2 == 0 ? nobody : email);
                check(post(realm.webhookUrl(), body, i, "X-Fractal-Signature", WebhookSender.legacySignature(SECRET, body)), Set.of("acknowledged"));
            }
        });
    }

    @Test
    void mutatedSignedKrakenWebhooks() throws Exception {
        BodyMutator mutator = new BodyMutator(seed);
        String nobody = "{\"id\":\"kraken-nobody-" + seed + "\",\"status\":\"rejected\",\"note\":\"Document unreadable\"}";
        String url = realm.url() + "/fractal/kraken/webhook";
        assertNothingChanges(() -> {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                byte[] body = mutator.mutate(nobody);
                check(post(url, body, i, "X-Fractal-Signature", WebhookSender.krakenSignature(KRAKEN_SECRET, body)), Set.of());
            }
        });
    }

    @Test
    void mutatedWalletBindingsWithFreshChallenges() throws Exception {
        BodyMutator mutator = new BodyMutator(seed);
        WalletHolder holder = WalletHolder.signUp(realm, "fuzzer");
        Wallet wallet = Wallet.random();
        assertNothingChanges(() -> {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                JsonNode challenge = holder.challenge();
                String valid = WalletHolder.withProof(challenge, wallet, AdminApi.JSON.readTree("{\"address\":\"" + wallet.address()
                        + "\",\"fractalId\":\"0x01\",\"approvedAt\":1654693829,\"validUntil\":4102444800,\"proof\":\"0x00\","
                        + "\"credential\":\"level:plus+liveness;citizenship_not:;residency_not:\"}"));
                check(post(realm.url() + "/fractal/credentials", mutator.mutate(valid), i, "Authorization", "Bearer " + holder.tokens().accessToken()),
                        Set.of());
            }
        });
        assertThat(realm.user(holder.id()).path("attributes").has("fractal_wallet_address")).isFalse();
    }

    @Test
    void mutatedBearerTokensAndOneTimeTokens() throws Exception {
        BodyMutator mutator = new BodyMutator(seed);
        WalletHolder holder = WalletHolder.signUp(realm, "token-fuzzer");
        String token = holder.tokens().accessToken();
        assertNothingChanges(() -> {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                // what an HTTP header can carry: printable ASCII
                String mutated = new String(mutator.mutate(token), StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]", "?");
                checkRead(get(realm.url() + "/fractal/status", "Bearer " + mutated));
                checkRead(get(realm.url() + "/fractal/credentials/challenge", "Bearer " + mutated));
                String oneTime = URLEncoder.encode(new String(mutator.mutate("a1B2c3D4e5F6g7H8"), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                check(get(realm.url() + "/fractal/kraken/return?oneTimeToken=" + oneTime, null), Set.of());
            }
        });
    }

    /**
     * A JSON answer that is a refusal (4xx), or a 2xx whose result is one of {@code harmless}. Requests beyond the HTTP
     * server's own limits (a URI or headers too long: 414, 431) are refused by it before any code runs, without a body.
     */
    private static void check(HttpResponse<String> answer, Set<String> harmless) throws Exception {
        String what = answer.request().method() + " " + answer.request().uri() + " -> " + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as("never a server error: " + what).isLessThan(500);
        if (answer.statusCode() == 414 || answer.statusCode() == 431) {
            return;
        }
        JsonNode body = AdminApi.JSON.readTree(answer.body());
        if (answer.statusCode() / 100 == 2) {
            assertThat(body.path("result").asText()).as(what).isIn(harmless);
        } else {
            assertThat(answer.statusCode()).as(what).isBetween(400, 499);
            assertThat(body.path("error").asText()).as(what).isNotBlank();
        }
    }

    /** A read is refused with a JSON error, or answered (a mutation may leave the token as it was). */
    private static void checkRead(HttpResponse<String> answer) throws Exception {
        String what = answer.request().uri() + " " + answer.request().headers().map() + " -> " + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as("never a server error: " + what).isLessThan(500);
        if (answer.statusCode() / 100 != 2 && answer.statusCode() != 414 && answer.statusCode() != 431) {
            assertThat(AdminApi.JSON.readTree(answer.body()).path("error").asText()).as(what).isNotBlank();
        }
    }

    private HttpResponse<String> post(String url, byte[] body, int i, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String type = CONTENT_TYPES.get(i % CONTENT_TYPES.size());
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Fuzz {
        void run() throws Exception;
    }

    /** The victim's attributes and roles, and the realm's user count, are the same after the fuzz as before. */
    private void assertNothingChanges(Fuzz fuzz) throws Exception {
        Supplier<String> state = () -> realm.user(victimId).path("attributes").toString() + realm.realmRolesOfUser(victimId, "") + realm.userCount();
        String before = state.get();
        fuzz.run();
        assertThat(state.get()).isEqualTo(before);
    }
}
