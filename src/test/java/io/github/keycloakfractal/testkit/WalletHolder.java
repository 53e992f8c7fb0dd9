package io.github.keycloakfractal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in user of a realm who binds wallets through {@code /fractal/credentials}, as a dApp does on their behalf. */
public final class WalletHolder {
    public static final String PASSWORD = "correct horse battery staple";

    private final FractalRealm realm;
    private final TestApp app;
    private final String id;
    private UserTokens tokens;

    private WalletHolder(FractalRealm realm, TestApp app, String id, UserTokens tokens) {
        this.realm = realm;
        this.app = app;
        this.id = id;
        this.tokens = tokens;
    }

    /** A new local user of the realm, signed in to the realm's test app with a password. */
    public static WalletHolder signUp(FractalRealm realm, String username) throws Exception {
        String id = realm.createLocalUser(username, PASSWORD);
        TestApp app = new TestApp(realm);
        return new WalletHolder(realm, app, id, app.passwordTokens(username, PASSWORD));
    }

    public String id() {
        return id;
    }

    public TestApp app() {
        return app;
    }

    public UserTokens tokens() {
        return tokens;
    }

    public HttpResponse<String> askChallenge() throws Exception {
        return app.getWithBearer(realm.url() + "/fractal/credentials/challenge", tokens.accessToken());
    }

    public JsonNode challenge() throws Exception {
        HttpResponse<String> answer = askChallenge();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(answer.body());
    }

    public HttpResponse<String> post(String body) throws Exception {
        return app.postWithBearer(realm.url() + "/fractal/credentials", tokens.accessToken(), body);
    }

    public Set<String> refreshedRoles() throws Exception {
        tokens = app.refresh(tokens);
        return tokens.realmRoles("fractal-");
    }

    /** The challenge signed by {@code holder}, and the realm's authorization message signed by {@code owner}. */
    public static String viaFractal(JsonNode challenge, Wallet holder, Wallet owner) {
        return signed(challenge, holder, challenge.path("authorization_message").asText(), owner);
    }

    public static String signed(JsonNode challenge, Wallet holder, String message, Wallet owner) {
        ObjectNode body = AdminApi.JSON.createObjectNode();
        body.put("challenge", challenge.path("challenge").asText());
        body.put("challenge_signature", holder.sign(challenge.path("challenge_text").asText()));
        body.put("message", message);
        body.put("signature", owner.sign(message));
        return body.toString();
    }

    public static String withProof(JsonNode challenge, Wallet holder, JsonNode proof) {
        ObjectNode body = AdminApi.JSON.createObjectNode();
        body.put("challenge", challenge.path("challenge").asText());
        body.put("challenge_signature", holder.sign(challenge.path("challenge_text").asText()));
        body.set("proof", proof);
        return body.toString();
    }
}
