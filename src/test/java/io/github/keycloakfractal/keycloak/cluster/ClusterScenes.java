package io.github.keycloakfractal.keycloak.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.OffsetClock;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakCluster;
import io.github.keycloakfractal.testkit.RealCluster;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import io.github.keycloakfractal.testkit.pages.KycActionPage;
import io.github.keycloakfractal.testkit.pages.SandboxKrakenPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings and moves the cluster ITs share: realms wired to the sandbox through node A, users, wallet bindings,
 * reconciliation calls and what can be read back (last runs, expiry events, each node's scheduled-task runs).
 */
final class ClusterScenes {
    static final String PASSWORD = "correct horse battery staple";

    private final KeycloakCluster cluster;
    private final FractalSandbox sandbox;

    ClusterScenes(KeycloakCluster cluster, FractalSandbox sandbox) {
        this.cluster = cluster;
        this.sandbox = sandbox;
    }

    FractalRealm.Builder builder() {
        return FractalRealm.builder(new AdminApi(cluster.a()), cluster.a(), sandbox).userInfoShape("v2");
    }

    FractalRealm realm(String prefix, Map<String, String> config, String webhookSecret) {
        FractalRealm.Builder builder = builder().webhookSecret(webhookSecret);
        config.forEach(builder::config);
        return builder.create(prefix);
    }

    FractalRealm walletRealm(String prefix, String level) {
        return builder().config("credentialsUrl", sandbox.credentialsUrl())
                .config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .config("credentialLevel", level)
                .config("credentialAppName", "Sandbox dApp")
                .create(prefix);
    }

    FractalRealm statsRealm(String prefix, String statsUrl) {
        return builder().config("statsUrl", statsUrl).create(prefix);
    }

    /** Kraken with signed journey links (a fresh ES512 key the sandbox trusts) and the fractal-kyc required action. */
    FractalRealm krakenRealm(String prefix) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair keys = generator.generateKeyPair();
        sandbox.kraken().registerPublicKey(keys.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        FractalRealm realm = builder().vaultSecret("krakenprivatekey", pem)
                .config("krakenClientId", SandboxKraken.CLIENT_ID)
                .config("krakenUrl", sandbox.krakenUrl())
                .config("krakenPrivateKey", "${vault.krakenprivatekey}")
                .create(prefix);
        realm.enableKycAction(Map.of());
        return realm;
    }

    /**
     * In a browser: the user signs in to the app through {@code realm}'s node, the app asks for fractal-kyc, the user
     * approves at the sandbox's Kraken, and wherever Kraken sends the browser back, the sign-in must end at the app
     * with {@code kc_action_status=success}. Returns the app's tokens from that sign-in.
     */
    UserTokens krakenJourney(FractalRealm realm, String username) throws Exception {
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            browser.open(app.authorizationUrl());
            new KeycloakLoginPage(browser).signIn(username, PASSWORD);
            app.exchange(app.awaitReturn(browser));
            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).start();
            new SandboxKrakenPage(browser).approve();
            String landed = app.awaitReturn(browser);
            assertThat(landed).contains("kc_action_status=success");
            return new UserTokens(app.exchange(landed));
        }
    }

    /** A local account with {@link #PASSWORD}, linked to the Fractal uid as a first broker login would leave it. */
    String linkedUser(FractalRealm realm, String username, String fractalUid) {
        String id = realm.createLocalUser(username, PASSWORD);
        new AdminApi(cluster.a()).post(realm.adminPath() + "/users/" + id + "/federated-identity/" + FractalRealm.ALIAS,
                Map.of("identityProvider", FractalRealm.ALIAS, "userId", fractalUid, "userName", username));
        return id;
    }

    /** The realm's Fractal admin operations on Keycloak's admin REST API, on the node the realm is reached through. */
    private static String adminUrl(FractalRealm realm) {
        return realm.url().replace("/realms/", "/admin/realms/") + "/fractal";
    }

    /** A bearer token of a realm user who holds manage-users (the test app carries the realm-management roles). */
    String manager(FractalRealm realm) throws Exception {
        String id = realm.createLocalUser("manager", PASSWORD);
        realm.grantManageUsers(id);
        return new TestApp(realm).passwordTokens("manager", PASSWORD).accessToken();
    }

    HttpResponse<String> reconcile(FractalRealm realm, String token) {
        try {
            return new TestApp(realm).postWithBearer(adminUrl(realm) + "/reconcile", token, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a last run of the provider with trigger {@code schedule} that did not start at {@code notStartedAt}. */
    JsonNode awaitScheduledRun(FractalRealm realm, String token, String notStartedAt, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = AdminApi.JSON.nullNode();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = new TestApp(realm).getWithBearer(adminUrl(realm) + "/reconcile", token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            last = AdminApi.JSON.readTree(answer.body()).path(FractalRealm.ALIAS);
            if ("schedule".equals(last.path("trigger").asText()) && !last.path("started_at").asText().equals(notStartedAt)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no scheduled run within " + limit + "; last run: " + last);
    }

    JsonNode challenge(FractalRealm realm, String token) throws Exception {
        HttpResponse<String> answer = new TestApp(realm).getWithBearer(realm.url() + "/fractal/credentials/challenge", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(answer.body());
    }

    HttpResponse<String> bind(FractalRealm realm, String token, String body) throws Exception {
        return new TestApp(realm).postWithBearer(realm.url() + "/fractal/credentials", token, body);
    }

    /** The challenge and the realm's authorization message, both signed by the wallet (Keycloak asks Fractal). */
    static String signedBinding(JsonNode challenge, Wallet wallet) {
        ObjectNode body = AdminApi.JSON.createObjectNode();
        body.put("challenge", challenge.path("challenge").asText());
        body.put("challenge_signature", wallet.sign(challenge.path("challenge_text").asText()));
        String message = challenge.path("authorization_message").asText();
        body.put("message", message);
        body.put("signature", wallet.sign(message));
        return body.toString();
    }

    /**
     * A new user of the realm binds a new wallet Fractal approved at level basic, through the node {@code realm}
     * points at; the sandbox's clock is set so Fractal's proof is valid until {@code validUntil}. Returns the user id.
     */
    String bindExpiringWallet(FractalRealm realm, String username, Instant validUntil, OffsetClock sandboxClock) throws Exception {
        Wallet wallet = Wallet.random();
        sandbox.credentials().addWalletUser(wallet.address(), "approved", "basic", null, null,
                Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
        String id = realm.createLocalUser(username, PASSWORD);
        String token = new TestApp(realm).passwordTokens(username, PASSWORD).accessToken();
        JsonNode challenge = challenge(realm, token);
        sandboxClock.shift(Duration.between(Instant.now(), validUntil).minus(Duration.ofHours(24)));
        try {
            HttpResponse<String> bound = bind(realm, token, signedBinding(challenge, wallet));
            assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        } finally {
            sandboxClock.reset();
        }
        return id;
    }

    /**
     * Waits until none of the users holds the wallet role any more, then returns the times (ms) of their wallet-expiry
     * events, checking that each user has exactly one: a role taken twice would be two.
     */
    List<Long> awaitWalletExpiries(FractalRealm realm, List<String> users, Instant deadline) throws Exception {
        while (users.stream().anyMatch(id -> !realm.realmRolesOfUser(id, "fractal-wallet").isEmpty()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        List<Long> times = new ArrayList<>();
        AdminApi admin = new AdminApi(cluster.a());
        for (String id : users) {
            assertThat(realm.realmRolesOfUser(id, "fractal-wallet")).as("wallet role of %s after its expiry", id).isEmpty();
            List<Long> own = new ArrayList<>();
            admin.get(realm.adminPath() + "/events?max=100&type=UPDATE_PROFILE&user=" + id).forEach(event -> {
                if ("credential-expiry".equals(event.path("details").path("fractal_source").asText())) {
                    own.add(event.path("time").asLong());
                }
            });
            assertThat(own).as("wallet-expiry events of %s", id).hasSize(1);
            times.addAll(own);
        }
        return times;
    }

    /** Event times grouped into sweeps: one sweep's removals are moments apart, sweeps are an interval apart. */
    static List<List<Long>> sweeps(List<Long> times) {
        List<List<Long>> sweeps = new ArrayList<>();
        times.stream().sorted().forEach(time -> {
            if (sweeps.isEmpty() || time - sweeps.get(sweeps.size() - 1).get(sweeps.get(sweeps.size() - 1).size() - 1) > 2000) {
                sweeps.add(new ArrayList<>());
            }
            sweeps.get(sweeps.size() - 1).add(time);
        });
        return sweeps;
    }

    /** How often node A and node B (in that order) have run the scheduled task so far, from their logs. */
    List<Long> taskRuns(String task) throws IOException {
        return List.of(cluster.a().logLinesContaining(RealCluster.TASK_RUN + task),
                cluster.b().logLinesContaining(RealCluster.TASK_RUN + task));
    }
}
