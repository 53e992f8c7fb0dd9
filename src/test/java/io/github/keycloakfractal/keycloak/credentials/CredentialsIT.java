package io.github.keycloakfractal.keycloak.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.OffsetClock;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.keycloakfractal.testkit.JsonErrors.assertRefused;
import static io.github.keycloakfractal.testkit.WalletHolder.signed;
import static io.github.keycloakfractal.testkit.WalletHolder.viaFractal;
import static io.github.keycloakfractal.testkit.WalletHolder.withProof;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wallet credential proofs through the realm resource: a signed-in user proves control of a wallet with a challenge,
 * Fractal's Credentials API (the sandbox) proves the wallet's KYC, and the roles follow the wallet; every way of
 * binding a wallet one does not control is refused and changes nothing.
 */
@ExtendWith(RealKeycloak.class)
class CredentialsIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;
    private final OffsetClock sandboxClock;
    private final HttpClient http = HttpClient.newHttpClient();

    CredentialsIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin, OffsetClock sandboxClock) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
        this.sandboxClock = sandboxClock;
    }

    @Test
    void aUserBindsTheirWalletAndTheNextTokenCarriesTheWalletAndLevelRoles() throws Exception {
        FractalRealm realm = realm("cr-bind", Map.of());
        WalletHolder olga = WalletHolder.signUp(realm, "olga");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);

        JsonNode challenge = olga.challenge();
        assertThat(challenge.path("authorization_message").asText())
                .isEqualTo("I authorize Sandbox dApp (sandbox-client) to get a proof from Fractal that:\n"
                        + "- I passed KYC level plus+liveness\n"
                        + "- I am not a resident of the following countries: United States of America (US)");
        HttpResponse<String> bound = olga.post(viaFractal(challenge, wallet, wallet));

        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(json(bound).path("wallet").asText()).isEqualTo(SandboxCredentials.SUBJECT_ADDRESS.toLowerCase());
        assertThat(olga.refreshedRoles()).containsExactlyInAnyOrder("fractal-wallet-verified", "fractal-kyc-approved",
                "fractal-level-plus", "fractal-level-liveness");
        JsonNode status = json(olga.app().getWithBearer(realm.url() + "/fractal/status", olga.tokens().accessToken()));
        assertThat(status.path("wallet").asText()).isEqualTo(SandboxCredentials.SUBJECT_ADDRESS.toLowerCase());
        assertThat(status.path("status").asText()).isEqualTo("approved");
        JsonNode user = realm.user(olga.id());
        assertThat(user.path("attributes").path("fractal_id").path(0).asText()).isEqualTo(SandboxCredentials.SUBJECT_FRACTAL_ID);
        assertThat(user.path("attributes").path("fractal_credential").path(0).asText())
                .isEqualTo("level:plus+liveness;citizenship_not:;residency_not:us");
    }

    @Test
    void aProofADappAlreadyObtainedIsAcceptedForTheWalletThatSignedTheChallenge() throws Exception {
        FractalRealm realm = realm("cr-dapp", Map.of());
        WalletHolder dora = WalletHolder.signUp(realm, "dora");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        JsonNode proof = proofFromFractal(dora.challenge().path("authorization_message").asText(), wallet);

        JsonNode challenge = dora.challenge();
        HttpResponse<String> bound = dora.post(withProof(challenge, wallet, proof));

        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(dora.refreshedRoles()).contains("fractal-wallet-verified", "fractal-level-plus");
    }

    @Test
    void replayedSignaturesAndProofsFromAnotherUserAreRefusedAndChangeNothing() throws Exception {
        FractalRealm realm = realm("cr-replay", Map.of());
        WalletHolder first = WalletHolder.signUp(realm, "first");
        WalletHolder second = WalletHolder.signUp(realm, "second");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        JsonNode firstChallenge = first.challenge();
        String firstBody = viaFractal(firstChallenge, wallet, wallet);
        JsonNode proof = proofFromFractal(firstChallenge.path("authorization_message").asText(), wallet);
        Wallet own = Wallet.random();

        // the whole request, as the first user sent it
        assertRefused(second.post(firstBody), 400, "invalid_challenge");
        // the first user's challenge signature under the second user's own challenge recovers another wallet
        ObjectNode reSigned = (ObjectNode) AdminApi.JSON.readTree(firstBody);
        reSigned.put("challenge", second.challenge().path("challenge").asText());
        assertRefused(second.post(reSigned.toString()), 400, "wallet_mismatch");
        // the first wallet's message and proof, with the second user's own wallet on the challenge
        assertRefused(second.post(viaFractal(second.challenge(), own, wallet)), 400, "wallet_mismatch");
        assertRefused(second.post(withProof(second.challenge(), own, proof)), 400, "wallet_mismatch");

        assertThat(first.post(firstBody).statusCode()).as("the first user's own request still works").isEqualTo(200);
        // someone who controls the wallet too cannot bind it to a second account
        assertRefused(second.post(viaFractal(second.challenge(), wallet, wallet)), 409, "wallet_in_use");

        assertThat(realm.realmRolesOfUser(second.id(), "fractal-")).isEmpty();
        assertThat(realm.user(second.id()).path("attributes").has("fractal_wallet_address")).isFalse();
    }

    @Test
    void reusedAndExpiredChallengesAreRefused() throws Exception {
        FractalRealm realm = realm("cr-challenge", Map.of("credentialChallengeSeconds", "2"));
        WalletHolder carl = WalletHolder.signUp(realm, "carl");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);

        JsonNode stale = carl.challenge();
        Thread.sleep(3500);
        assertRefused(carl.post(viaFractal(stale, wallet, wallet)), 400, "invalid_challenge");
        assertThat(sandbox.credentials().requestLog()).as("refused before Fractal is asked").isEmpty();

        String used = viaFractal(carl.challenge(), wallet, wallet);
        assertThat(carl.post(used).statusCode()).isEqualTo(200);
        assertRefused(carl.post(used), 400, "invalid_challenge");
    }

    @Test
    void proofsFromAnotherSignerExpiredProofsAndUnmetRequirementsAreRefusedAndChangeNothing() throws Exception {
        FractalRealm realm = realm("cr-proofs", Map.of());
        WalletHolder eve = WalletHolder.signUp(realm, "eve");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);

        sandbox.credentials().useSignerKey("0x" + "11".repeat(32));
        assertRefused(eve.post(viaFractal(eve.challenge(), wallet, wallet)), 400, "proof_signer_mismatch");
        sandbox.credentials().reset();

        sandboxClock.shift(Duration.ofHours(-25));
        assertRefused(eve.post(viaFractal(eve.challenge(), wallet, wallet)), 400, "proof_expired");
        sandboxClock.reset();

        String weaker = "I authorize Sandbox dApp (sandbox-client) to get a proof from Fractal that:\n- I passed KYC level plus";
        assertRefused(eve.post(signed(eve.challenge(), wallet, weaker, wallet)), 403, "requirement_not_met");

        Wallet pending = Wallet.of(SandboxCredentials.PENDING_PRIVATE_KEY);
        JsonNode challenge = eve.challenge();
        assertRefused(eve.post(signed(challenge, pending, challenge.path("authorization_message").asText(), pending)), 404, "user_pending");
        Wallet stranger = Wallet.random();
        challenge = eve.challenge();
        assertRefused(eve.post(signed(challenge, stranger, challenge.path("authorization_message").asText(), stranger)), 404, "user_not_found");
        String otherApp = "I authorize Other (other-client) to get a proof from Fractal that:\n- I passed KYC level plus+liveness";
        assertRefused(eve.post(signed(eve.challenge(), wallet, otherApp, wallet)), 400, "invalid_client_id");
        String badCountry = "I authorize Sandbox dApp (sandbox-client) to get a proof from Fractal that:\n- I passed KYC level plus+liveness\n"
                + "- I am not a resident of the following countries: Atlantis (AT)";
        assertRefused(eve.post(signed(eve.challenge(), wallet, badCountry, wallet)), 400, "invalid_country");

        assertThat(realm.realmRolesOfUser(eve.id(), "fractal-")).isEmpty();
        assertThat(realm.user(eve.id()).path("attributes").has("fractal_wallet_address")).isFalse();
    }

    @Test
    void afterValidUntilTheWalletRoleIsGoneFromNewTokens() throws Exception {
        FractalRealm realm = realm("cr-expiry", Map.of());
        WalletHolder vera = WalletHolder.signUp(realm, "vera");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        sandboxClock.shift(Duration.ofHours(-24).plusSeconds(6));

        HttpResponse<String> bound = vera.post(viaFractal(vera.challenge(), wallet, wallet));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        Instant validUntil = Instant.parse(json(bound).path("valid_until").asText());
        assertThat(vera.refreshedRoles()).contains("fractal-wallet-verified");

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), validUntil).toMillis()) + 1500);
        assertThat(vera.refreshedRoles()).doesNotContain("fractal-wallet-verified").contains("fractal-level-plus");
        assertThat(realm.realmRolesOfUser(vera.id(), "fractal-wallet")).isEmpty();
        // the token-time check sits in the realm's built-in "roles" scope, which every OIDC client carries
        List<String> rolesScopeMappers = new ArrayList<>();
        admin.get(realm.adminPath() + "/client-scopes").forEach(scope -> {
            if ("roles".equals(scope.path("name").asText())) {
                scope.path("protocolMappers").forEach(mapper -> rolesScopeMappers.add(mapper.path("protocolMapper").asText()));
            }
        });
        assertThat(rolesScopeMappers).contains("fractal-wallet-expiry");
    }

    @Test
    void theSweepTakesTheWalletRoleFromUsersWhoGetNoToken() throws Exception {
        FractalRealm realm = realm("cr-sweep", Map.of());
        WalletHolder sam = WalletHolder.signUp(realm, "sam");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        sandboxClock.shift(Duration.ofHours(-24).plusSeconds(5));
        HttpResponse<String> bound = sam.post(viaFractal(sam.challenge(), wallet, wallet));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(realm.realmRolesOfUser(sam.id(), "fractal-wallet")).containsExactly("fractal-wallet-verified");

        Instant deadline = Instant.parse(json(bound).path("valid_until").asText()).plusSeconds(4L * RealKeycloak.WALLET_SWEEP_SECONDS + 5);
        while (!realm.realmRolesOfUser(sam.id(), "fractal-wallet").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(realm.realmRolesOfUser(sam.id(), "fractal-wallet")).as("removed by the sweep, no token issued").isEmpty();
        assertThat(realm.realmRolesOfUser(sam.id(), "fractal-level-")).contains("fractal-level-plus");
    }

    @Test
    void callersWithoutATokenAndMalformedBodiesGetJsonErrors() throws Exception {
        FractalRealm realm = realm("cr-bad", Map.of());
        WalletHolder bob = WalletHolder.signUp(realm, "bob");

        assertThat(bob.app().getWithBearer(realm.url() + "/fractal/credentials/challenge", "not-a-token").statusCode()).isEqualTo(401);
        assertRefused(bob.app().postWithBearer(realm.url() + "/fractal/credentials", null, "{}"), 401, "invalid_token");
        assertRefused(bob.post("not json"), 400, "invalid_request");
        assertRefused(bob.post("{\"challenge\":\"x\"}"), 400, "invalid_request");
        assertRefused(bob.post("{\"challenge\":\"x\",\"challenge_signature\":\"0x00\",\"message\":\"m\"}"), 400, "invalid_request");
        assertRefused(bob.post("{\"challenge\":\"x\",\"challenge_signature\":\"0x00\",\"proof\":[]}"), 400, "invalid_request");
        assertRefused(bob.post("{\"pad\":\"" + "a".repeat(20_000) + "\"}"), 413, "payload_too_large");
        JsonNode challenge = bob.challenge();
        String badSignature = "{\"challenge\":\"" + challenge.path("challenge").asText() + "\",\"challenge_signature\":\"0x1234\","
                + "\"message\":\"m\",\"signature\":\"0x1234\"}";
        assertRefused(bob.post(badSignature), 400, "invalid_signature");
    }

    private FractalRealm realm(String prefix, Map<String, String> extra) {
        return DappRealms.create(admin, keycloak, sandbox, prefix, extra);
    }

    /** What a dApp gets when it calls Fractal's Credentials API itself. */
    private JsonNode proofFromFractal(String message, Wallet owner) throws Exception {
        String url = sandbox.credentialsUrl() + "/?message=" + AdminApi.encode(message) + "&signature=" + AdminApi.encode(owner.sign(message));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(answer.body());
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return AdminApi.JSON.readTree(answer.body());
    }
}
