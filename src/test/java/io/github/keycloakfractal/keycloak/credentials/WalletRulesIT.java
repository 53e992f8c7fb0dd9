package io.github.keycloakfractal.keycloak.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.keycloakfractal.testkit.JsonErrors.assertRefused;
import static io.github.keycloakfractal.testkit.WalletHolder.viaFractal;
import static io.github.keycloakfractal.testkit.WalletHolder.withProof;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm's rules around wallet binding: a user holds at most five challenges, one verified person binds wallets
 * to one account only (unless the realm allows more), and whatever an admin made of the realm's display name, the
 * challenge still works.
 */
@ExtendWith(RealKeycloak.class)
class WalletRulesIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    WalletRulesIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void aSixthChallengeDropsTheOldestOne() throws Exception {
        FractalRealm realm = realm("wr-five", Map.of());
        WalletHolder holder = WalletHolder.signUp(realm, "collector");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        List<JsonNode> challenges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            challenges.add(holder.challenge());
        }

        assertRefused(holder.post(viaFractal(challenges.get(0), wallet, wallet)), 400, "invalid_challenge");
        HttpResponse<String> bound = holder.post(viaFractal(challenges.get(1), wallet, wallet));
        assertThat(bound.statusCode()).as("the five newest are still good").isEqualTo(200);
    }

    @Test
    void oneVerifiedPersonCannotApproveASecondAccountWithAnotherWallet() throws Exception {
        FractalRealm realm = realm("wr-person", Map.of());
        WalletHolder first = WalletHolder.signUp(realm, "person-a");
        WalletHolder second = WalletHolder.signUp(realm, "person-b");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        assertThat(first.post(viaFractal(first.challenge(), wallet, wallet)).statusCode()).isEqualTo(200);

        Wallet another = Wallet.random();
        JsonNode challenge = second.challenge();
        assertRefused(second.post(withProof(challenge, another, proofOfTheSamePerson(another))), 409, "identity_in_use");
        assertThat(realm.realmRolesOfUser(second.id(), "fractal-")).isEmpty();

        FractalRealm lenient = realm("wr-person-off", Map.of("credentialOneAccountPerPerson", "false"));
        WalletHolder one = WalletHolder.signUp(lenient, "person-c");
        WalletHolder two = WalletHolder.signUp(lenient, "person-d");
        assertThat(one.post(viaFractal(one.challenge(), wallet, wallet)).statusCode()).isEqualTo(200);
        HttpResponse<String> allowed = two.post(withProof(two.challenge(), another, proofOfTheSamePerson(another)));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void theChallengeWorksWhateverTheRealmsDisplayNameIs() throws Exception {
        FractalRealm realm = realm("wr-names", Map.of("credentialAppName", ""));
        WalletHolder holder = WalletHolder.signUp(realm, "namer");
        for (String displayName : List.of("   ", "Acme\nBank (EU) <b>bold</b>", "\u0007\u202e\uD83D\uDE00 emoji", "x".repeat(300))) {
            ObjectNode update = AdminApi.JSON.createObjectNode().put("displayName", displayName);
            admin.put(realm.adminPath(), update);

            HttpResponse<String> answer = holder.askChallenge();

            assertThat(answer.statusCode()).as(displayName + ": " + answer.body()).isEqualTo(200);
            JsonNode challenge = AdminApi.JSON.readTree(answer.body());
            assertThat(challenge.path("challenge_text").asText().lines().findFirst().orElseThrow()).doesNotContain("\n")
                    .endsWith("asks you to prove that you control this wallet.");
        }
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        assertThat(holder.post(viaFractal(holder.challenge(), wallet, wallet)).statusCode()).as("and binding still works").isEqualTo(200);
    }

    /** A proof Fractal's signer would issue for another wallet of the seeded verified person (same fractalId). */
    private static JsonNode proofOfTheSamePerson(Wallet wallet) {
        long approvedAt = Instant.now().minus(30, ChronoUnit.DAYS).getEpochSecond();
        long validUntil = Instant.now().plus(1, ChronoUnit.DAYS).getEpochSecond();
        String credential = "level:plus+liveness;citizenship_not:;residency_not:us";
        String signed = wallet.address() + ";" + SandboxCredentials.SUBJECT_FRACTAL_ID + ";" + approvedAt + ";" + validUntil + ";" + credential;
        ObjectNode proof = AdminApi.JSON.createObjectNode();
        proof.put("address", wallet.address());
        proof.put("fractalId", SandboxCredentials.SUBJECT_FRACTAL_ID);
        proof.put("approvedAt", approvedAt);
        proof.put("validUntil", validUntil);
        proof.put("proof", Wallet.of(SandboxCredentials.SIGNER_PRIVATE_KEY).sign(signed));
        proof.put("credential", credential);
        return proof;
    }

    private FractalRealm realm(String prefix, Map<String, String> extra) {
        return DappRealms.create(admin, keycloak, sandbox, prefix, extra);
    }
}
