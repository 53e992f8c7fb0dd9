package io.github.keycloakfractal.keycloak.kraken;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

import static io.github.keycloakfractal.sandbox.WebhookSender.kraken;
import static io.github.keycloakfractal.sandbox.WebhookSender.krakenSignature;
import static org.assertj.core.api.Assertions.assertThat;

/** Kraken status webhooks: signed with hex HMAC-SHA256, confirmed with Kraken's API, applied through the applier. */
@ExtendWith(RealKeycloak.class)
class KrakenWebhookIT {
    private static final String SECRET = "kraken-whsec-91c2";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    KrakenWebhookIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void aConfirmedApprovalMovesTheRolesWithTheApiKey() throws Exception {
        FractalRealm realm = realm("kr-apikey", builder -> builder.vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("krakenApiKey", "${vault.krakenapikey}"));
        UserTokens tokens = FractalSignIn.signInAndGetTokens(realm, "pete");
        String krakenId = link(realm, "pete", "approved");

        HttpResponse<String> answer = deliver(realm, kraken(krakenId, "approved", ""));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(new TestApp(realm).refresh(tokens).realmRoles("fractal-"))
                .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");
        assertThat(sandbox.kraken().authLog()).last().isEqualTo("api-key");
    }

    @Test
    void krakensStatusWinsOverTheWebhookAndTheJwtCredentialIsUsed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair keys = generator.generateKeyPair();
        sandbox.kraken().registerPublicKey(keys.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        FractalRealm realm = realm("kr-jwt", builder -> builder.vaultSecret("krakenprivatekey", pem)
                .config("krakenPrivateKey", "${vault.krakenprivatekey}"));
        FractalSignIn.signInAndGetTokens(realm, "pete");
        String krakenId = link(realm, "pete", "rejected");
        sandbox.kraken().setStatus(krakenId, "rejected", "document unreadable");

        HttpResponse<String> answer = deliver(realm, kraken(krakenId, "approved", ""));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(answer.body()).path("status").asText()).isEqualTo("rejected");
        assertThat(realm.realmRoles(sandbox.user("pete").uid(), "fractal-")).containsExactly("fractal-kyc-rejected");
        assertThat(sandbox.kraken().authLog()).last().isEqualTo("jwt");
    }

    @Test
    void badSignaturesUnknownStatusesAndUnlinkedUsersChangeNothing() throws Exception {
        FractalRealm realm = realm("kr-bad", builder -> builder.vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("krakenApiKey", "${vault.krakenapikey}"));
        FractalSignIn.signInAndGetTokens(realm, "pete");
        String krakenId = link(realm, "pete", "approved");
        byte[] body = kraken(krakenId, "approved", "");
        String valid = krakenSignature(SECRET, body);
        WebhookSender fractal = new WebhookSender(realm.url() + "/fractal/kraken/webhook", SECRET);
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("approved", "rejected").getBytes(StandardCharsets.UTF_8);

        for (HttpResponse<String> answer : List.of(fractal.deliverSigned(body, null),
                fractal.deliverSigned(body, krakenSignature("wrong", body)),
                fractal.deliverSigned(body, "sha256=" + valid),
                fractal.deliverSigned(body, valid.substring(0, 63)),
                fractal.deliverSigned(body, WebhookSender.legacySignature(SECRET, body)),
                fractal.deliverSigned(altered, valid))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        }
        byte[] unknown = kraken(krakenId, "GREEN", "");
        assertThat(fractal.deliverSigned(unknown, krakenSignature(SECRET, unknown)).statusCode()).isEqualTo(400);
        byte[] stranger = kraken(sandbox.kraken().addUser("approved"), "approved", "");
        HttpResponse<String> unlinked = fractal.deliverSigned(stranger, krakenSignature(SECRET, stranger));
        assertThat(unlinked.statusCode()).isEqualTo(404);
        assertThat(AdminApi.JSON.readTree(unlinked.body()).path("error").asText()).isEqualTo("user_not_linked");

        assertThat(realm.realmRoles(sandbox.user("pete").uid(), "fractal-")).containsExactly("fractal-kyc-pending");
    }

    private FractalRealm realm(String prefix, java.util.function.UnaryOperator<FractalRealm.Builder> credentials) {
        return credentials.apply(FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .vaultSecret("krakenwebhook", SECRET)
                .config("krakenClientId", SandboxKraken.CLIENT_ID)
                .config("krakenUrl", sandbox.krakenUrl())
                .config("krakenWebhookSecrets", "${vault.krakenwebhook}")).create(prefix);
    }

    /** What the Kraken return will do: store the Kraken user id on the Keycloak user (here as an admin). */
    private String link(FractalRealm realm, String user, String krakenStatus) {
        String krakenId = sandbox.kraken().addUser(krakenStatus);
        ObjectNode representation = (ObjectNode) realm.userLinkedTo(sandbox.user(user).uid());
        ((ObjectNode) representation.path("attributes")).putArray("fractal_kraken_id").add(krakenId);
        admin.put(realm.adminPath() + "/users/" + representation.path("id").asText(), representation);
        return krakenId;
    }

    private HttpResponse<String> deliver(FractalRealm realm, byte[] body) {
        return new WebhookSender(realm.url() + "/fractal/kraken/webhook", SECRET).deliverSigned(body, krakenSignature(SECRET, body));
    }
}
