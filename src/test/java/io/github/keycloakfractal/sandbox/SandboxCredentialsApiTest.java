package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox's Credentials API against Fractal's contract (fractal-api.md section 8 and Appendix A). Requests are
 * signed here with web3j and proofs checked here with web3j, never with the sandbox's or the extension's own code.
 */
class SandboxCredentialsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "I authorize Sandbox App (" + FractalSandbox.DEFAULT_CLIENT_ID + ") to get a proof from Fractal that:";
    private static final String PLUS_LIVENESS_DE = HEADER + "\n- I passed KYC level plus+liveness"
            + "\n- I am not a citizen of the following countries: Germany (DE)"
            + "\n- I am not a resident of the following countries: Canada (CA), Germany (DE), United States of America (US)";
    private static final String UNIQUENESS = HEADER + "\n- I passed KYC level uniqueness";
    /** Appendix A: the proofs of S1 and S2, for approvedAt 1654693829 and validUntil 1656080869. */
    private static final String S1_PROOF = "0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6"
            + "247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191c";
    private static final String S2_PROOF = "0x50aab5877eef2eb735a9897d8b9c9db67998370ca635bf46818eb7a07e02e18b"
            + "4b0333f61555b2adac1fdfbd8f16040ac722e68d9f5f4f4ff3baadb635849ada1c";
    /** Hardhat key #3: a wallet no sandbox user holds, and a signer the extension would not trust. */
    private static final String STRANGER_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

    private final HttpClient http = HttpClient.newHttpClient();
    private MutableClock clock;
    private FractalSandbox sandbox;
    private SandboxCredentials credentials;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        sandbox = FractalSandbox.start(0, clock);
        credentials = sandbox.credentials();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theHardhatConstantsBelongTogether() {
        assertThat(address(SandboxCredentials.SIGNER_PRIVATE_KEY)).isEqualTo(SandboxCredentials.SIGNER_ADDRESS);
        assertThat(address(SandboxCredentials.SUBJECT_PRIVATE_KEY)).isEqualTo(SandboxCredentials.SUBJECT_ADDRESS);
        assertThat(address(SandboxCredentials.PENDING_PRIVATE_KEY)).isEqualTo(SandboxCredentials.PENDING_ADDRESS);
        assertThat(credentials.signerAddress()).isEqualTo(SandboxCredentials.SIGNER_ADDRESS);
        assertThat(sandbox.credentialsUrl()).isEqualTo(sandbox.baseUrl() + "/credentials");
    }

    @Test
    void anApprovedWalletGetsAProofInFractalsShape() throws Exception {
        HttpResponse<String> response = request(PLUS_LIVENESS_DE, SandboxCredentials.SUBJECT_PRIVATE_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("address", "approvedAt", "fractalId", "validUntil", "proof", "credential");
        assertThat(body.get("address").asText()).isEqualTo(SandboxCredentials.SUBJECT_ADDRESS);
        assertThat(body.get("approvedAt").isIntegralNumber()).isTrue();
        assertThat(body.get("approvedAt").asLong()).isEqualTo(1654693829L);
        assertThat(body.get("fractalId").asText()).isEqualTo(SandboxCredentials.SUBJECT_FRACTAL_ID).matches("0x[0-9a-f]{64}");
        assertThat(body.get("validUntil").isIntegralNumber()).isTrue();
        assertThat(body.get("validUntil").asLong()).isEqualTo(clock.instant().getEpochSecond() + 86400);
        assertThat(body.get("proof").asText()).matches("0x[0-9a-f]{130}");
        assertThat(body.get("credential").asText()).isEqualTo("level:plus+liveness;citizenship_not:de;residency_not:ca,de,us");
        assertThat(proofSigner(body)).isEqualTo(SandboxCredentials.SIGNER_ADDRESS.toLowerCase());
        assertThat(credentials.requestLog()).containsExactly("proof " + SandboxCredentials.SUBJECT_ADDRESS.toLowerCase());
    }

    @Test
    void theProofsAreAppendixAsVectors() throws Exception {
        clock = new MutableClock(Instant.ofEpochSecond(1656080869L - 86400));
        sandbox.close();
        sandbox = FractalSandbox.start(0, clock);

        JsonNode s1 = JSON.readTree(request(PLUS_LIVENESS_DE, SandboxCredentials.SUBJECT_PRIVATE_KEY).body());
        JsonNode s2 = JSON.readTree(request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY).body());

        assertThat(s1.get("validUntil").asLong()).isEqualTo(1656080869L);
        assertThat(s1.get("proof").asText()).isEqualTo(S1_PROOF);
        assertThat(s2.get("credential").asText()).isEqualTo("level:uniqueness;citizenship_not:;residency_not:");
        assertThat(s2.get("proof").asText()).isEqualTo(S2_PROOF);
    }

    @Test
    void theCredentialKeepsTheRequestedLevelAndMessageOrder() throws Exception {
        String message = HEADER + "\n- I passed KYC level basic+liveness"
                + "\n- I am not a citizen of the following countries: United States of America (US), Cuba (CU), Iran (IR)"
                + "\nI also allow access to my data that was used to pass this level.";

        JsonNode body = JSON.readTree(request(message, SandboxCredentials.SUBJECT_PRIVATE_KEY).body());

        assertThat(body.get("credential").asText()).isEqualTo("level:basic+liveness;citizenship_not:us,cu,ir;residency_not:");
        assertThat(proofSigner(body)).isEqualTo(SandboxCredentials.SIGNER_ADDRESS.toLowerCase());
    }

    @Test
    void thePathWorksWithAndWithoutTrailingSlash() throws Exception {
        String signature = sign(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY);

        assertThat(get(sandbox.credentialsUrl() + "/" + query(UNIQUENESS, signature)).statusCode()).isEqualTo(200);
        assertThat(get(sandbox.credentialsUrl() + query(UNIQUENESS, signature)).statusCode()).isEqualTo(200);
        assertThat(get(sandbox.credentialsUrl() + "/other" + query(UNIQUENESS, signature)).statusCode()).isEqualTo(404);
        assertThat(get(sandbox.credentialsUrl() + "x" + query(UNIQUENESS, signature)).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetIsServedAndBrowsersMayCall() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sandbox.credentialsUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY);

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void missingParametersAreInvalidParams() throws Exception {
        String signature = sign(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY);

        for (String query : List.of("", "?message=" + enc(UNIQUENESS), "?signature=" + signature,
                "?message=&signature=" + signature, "?message=" + enc(UNIQUENESS) + "&signature=")) {
            assertError(get(sandbox.credentialsUrl() + "/" + query), 400, "invalid_params");
        }
        assertThat(credentials.requestLog()).hasSize(5).containsOnly("invalid_params");
    }

    @Test
    void signaturesThatAreNotPersonalSignAreInvalidSignature() throws Exception {
        String valid = sign(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY);
        String highS = withHighS(valid);

        for (String signature : List.of("0x1234", valid.substring(0, 130), valid.substring(2), valid + "00",
                valid.substring(0, 130) + "1d", "0x" + "zz".repeat(65), "0x" + "00".repeat(65), highS)) {
            assertError(request(UNIQUENESS, signature, true), 400, "invalid_signature");
        }
    }

    @Test
    void messagesAreRefusedWithTheParsersCodes() throws Exception {
        String key = SandboxCredentials.SUBJECT_PRIVATE_KEY;

        assertError(request("hello", key), 400, "invalid_message_schema");
        assertError(request(UNIQUENESS + "\n", key), 400, "invalid_message_schema");
        assertError(request(HEADER + "\n- I passed KYC level uniqueness\n- I am not a citizen of the following countries:", key),
                400, "invalid_message_schema");
        assertError(request(HEADER + "\n- I passed KYC level plus+magic", key), 400, "invalid_level");
        assertError(request(HEADER + "\n- I passed KYC level gold", key), 400, "invalid_level");
        assertError(request(HEADER + "\n- I passed KYC level plus\n- I am not a citizen of the following countries: Atlantis (XX)", key),
                400, "invalid_country");
        assertError(request(HEADER + "\n- I passed KYC level plus\n- I am not a citizen of the following countries: France (DE)", key),
                400, "invalid_country");
        assertError(request(HEADER + "\n- I passed KYC level uniqueness\n- I am not a citizen of the following countries: Germany (DE)", key),
                400, "invalid_configuration");
        assertError(request(HEADER + "\n- I passed KYC level basic\n- I am not a resident of the following countries: Germany (DE)", key),
                400, "invalid_configuration");
    }

    @Test
    void anUnknownClientIdIsRefused() throws Exception {
        String message = UNIQUENESS.replace("(" + FractalSandbox.DEFAULT_CLIENT_ID + ")", "(someone-else)");

        assertError(request(message, SandboxCredentials.SUBJECT_PRIVATE_KEY), 400, "invalid_client_id");
        sandbox.registerClient("someone-else", "secret");
        assertThat(request(message, SandboxCredentials.SUBJECT_PRIVATE_KEY).statusCode()).isEqualTo(200);
        assertThat(credentials.requestLog()).containsExactly("invalid_client_id",
                "proof " + SandboxCredentials.SUBJECT_ADDRESS.toLowerCase());
    }

    @Test
    void aPendingUserIsUserPending() throws Exception {
        HttpResponse<String> response = request(UNIQUENESS, SandboxCredentials.PENDING_PRIVATE_KEY);

        assertNotFound(response, "user_pending", SandboxCredentials.PENDING_ADDRESS);
        assertThat(credentials.requestLog()).containsExactly("user_pending " + SandboxCredentials.PENDING_ADDRESS.toLowerCase());
    }

    @Test
    void anUnknownWalletIsUserNotFoundWithTheRecoveredAddress() throws Exception {
        assertNotFound(request(UNIQUENESS, STRANGER_KEY), "user_not_found", address(STRANGER_KEY));
    }

    @Test
    void aSignatureOverAnotherMessageRecoversSomeOtherWallet() throws Exception {
        String otherMessage = HEADER + "\n- I passed KYC level basic";
        String signature = sign(otherMessage, SandboxCredentials.SUBJECT_PRIVATE_KEY);

        HttpResponse<String> response = request(UNIQUENESS, signature, true);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("user_not_found");
        assertThat(body.get("address").asText()).matches("0x[0-9a-fA-F]{40}").isNotEqualTo(SandboxCredentials.SUBJECT_ADDRESS);
    }

    @Test
    void aUserWhoDoesNotMatchTheMessageIsNotFound() throws Exception {
        String key = SandboxCredentials.SUBJECT_PRIVATE_KEY;
        String subject = SandboxCredentials.SUBJECT_ADDRESS;

        assertNotFound(request(HEADER + "\n- I passed KYC level plus\n- I am not a citizen of the following countries: Spain (ES), Portugal (PT)", key),
                "user_not_found", subject);
        assertNotFound(request(HEADER + "\n- I passed KYC level plus\n- I am not a resident of the following countries: Portugal (PT)", key),
                "user_not_found", subject);
        assertNotFound(request(HEADER + "\n- I passed KYC level plus+sow", key), "user_not_found", subject);
        assertNotFound(request(HEADER + "\n- I passed KYB level plus+selfie", key), "user_not_found", subject);
        assertThat(request(HEADER + "\n- I passed KYC level basic+liveness", key).statusCode()).isEqualTo(200);
    }

    @Test
    void addedUsersAreMatchedByLevelAndCountries() throws Exception {
        String wallet = address(STRANGER_KEY);
        String fractalId = credentials.addWalletUser(wallet, "approved", "basic", "DE", null, Instant.ofEpochSecond(1700000000L));

        JsonNode basic = JSON.readTree(request(HEADER + "\n- I passed KYC level basic", STRANGER_KEY).body());
        assertThat(basic.get("address").asText()).isEqualTo(wallet);
        assertThat(basic.get("fractalId").asText()).isEqualTo(fractalId).isEqualTo(credentials.fractalId(wallet))
                .isEqualTo("0x" + HexFormat.of().formatHex(Hash.sha3(wallet.toLowerCase().getBytes(StandardCharsets.UTF_8))));
        assertThat(basic.get("approvedAt").asLong()).isEqualTo(1700000000L);
        assertThat(proofSigner(basic)).isEqualTo(SandboxCredentials.SIGNER_ADDRESS.toLowerCase());
        assertNotFound(request(HEADER + "\n- I passed KYC level plus", STRANGER_KEY), "user_not_found", wallet);
        assertNotFound(request(HEADER + "\n- I passed KYC level basic+liveness", STRANGER_KEY), "user_not_found", wallet);
        assertNotFound(request(HEADER + "\n- I passed KYC level basic\n- I am not a citizen of the following countries: Germany (DE)",
                STRANGER_KEY), "user_not_found", wallet);

        credentials.addWalletUser(wallet, "contacted", "basic", "DE", null, null);
        assertNotFound(request(UNIQUENESS, STRANGER_KEY), "user_pending", wallet);
        credentials.addWalletUser(wallet, "rejected", "basic", "DE", null, null);
        assertNotFound(request(UNIQUENESS, STRANGER_KEY), "user_not_found", wallet);
    }

    @Test
    void aUniquenessUserHoldsLivenessButNoHigherLevel() throws Exception {
        String wallet = address(STRANGER_KEY);
        credentials.addWalletUser(wallet, "approved", "uniqueness", null, null, Instant.ofEpochSecond(1700000000L));

        assertThat(request(HEADER + "\n- I passed KYC level uniqueness+liveness", STRANGER_KEY).statusCode()).isEqualTo(200);
        assertNotFound(request(HEADER + "\n- I passed KYC level basic", STRANGER_KEY), "user_not_found", wallet);
    }

    @Test
    void approvingThePendingUserGivesItAProof() throws Exception {
        credentials.addWalletUser(SandboxCredentials.PENDING_ADDRESS, "approved", "basic+liveness", "GB", "GB",
                Instant.ofEpochSecond(1710000000L));

        JsonNode body = JSON.readTree(request(UNIQUENESS, SandboxCredentials.PENDING_PRIVATE_KEY).body());

        assertThat(body.get("address").asText()).isEqualTo(SandboxCredentials.PENDING_ADDRESS);
        assertThat(body.get("approvedAt").asLong()).isEqualTo(1710000000L);
    }

    @Test
    void addingAWalletUserChecksItsData() {
        String wallet = address(STRANGER_KEY);
        Instant now = Instant.now();

        assertThatThrownBy(() -> credentials.addWalletUser("0x1234", "approved", "basic", "DE", "DE", now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.addWalletUser(wallet, "done", "basic", "DE", "DE", now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.addWalletUser(wallet, "approved", "gold", "DE", "DE", now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.addWalletUser(wallet, "approved", "liveness", "DE", "DE", now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.addWalletUser(wallet, "approved", "basic", "XX", "DE", now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.addWalletUser(wallet, "approved", "basic", "DE", "DE", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.useSignerKey("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.useSignerKey("0x" + "00".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSwitchedSignerSignsTheProofs() throws Exception {
        credentials.useSignerKey(STRANGER_KEY);

        JsonNode body = JSON.readTree(request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY).body());

        assertThat(credentials.signerAddress()).isEqualTo(address(STRANGER_KEY));
        assertThat(proofSigner(body)).isEqualTo(address(STRANGER_KEY).toLowerCase())
                .isNotEqualTo(SandboxCredentials.SIGNER_ADDRESS.toLowerCase());
    }

    @Test
    void validUntilFollowsTheSandboxClock() throws Exception {
        long first = JSON.readTree(request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY).body()).get("validUntil").asLong();
        clock.advance(Duration.ofHours(5));
        long second = JSON.readTree(request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY).body()).get("validUntil").asLong();

        assertThat(first).isEqualTo(clock.instant().getEpochSecond() - 5 * 3600 + 24 * 3600);
        assertThat(second).isEqualTo(clock.instant().getEpochSecond() + 24 * 3600);
    }

    @Test
    void resetUsersRestoresTheSeedsTheSignerAndTheLog() throws Exception {
        String wallet = address(STRANGER_KEY);
        credentials.addWalletUser(wallet, "approved", "plus", "DE", "DE", Instant.ofEpochSecond(1700000000L));
        credentials.addWalletUser(SandboxCredentials.SUBJECT_ADDRESS, "pending", "plus", "PT", "PT", null);
        credentials.useSignerKey(STRANGER_KEY);
        request(UNIQUENESS, STRANGER_KEY);

        sandbox.resetUsers();

        assertThat(credentials.requestLog()).isEmpty();
        assertThat(credentials.signerAddress()).isEqualTo(SandboxCredentials.SIGNER_ADDRESS);
        assertNotFound(request(UNIQUENESS, STRANGER_KEY), "user_not_found", wallet);
        JsonNode subject = JSON.readTree(request(UNIQUENESS, SandboxCredentials.SUBJECT_PRIVATE_KEY).body());
        assertThat(subject.get("approvedAt").asLong()).isEqualTo(1654693829L);
        assertThat(proofSigner(subject)).isEqualTo(SandboxCredentials.SIGNER_ADDRESS.toLowerCase());
        assertNotFound(request(UNIQUENESS, SandboxCredentials.PENDING_PRIVATE_KEY), "user_pending", SandboxCredentials.PENDING_ADDRESS);
    }

    /** The address the response's proof recovers to over the documented string, lower case, checked with web3j alone. */
    private static String proofSigner(JsonNode body) throws SignatureException {
        String signed = body.get("address").asText().toLowerCase() + ";" + body.get("fractalId").asText() + ";"
                + body.get("approvedAt").asLong() + ";" + body.get("validUntil").asLong() + ";" + body.get("credential").asText();
        byte[] proof = HexFormat.of().parseHex(body.get("proof").asText().substring(2));
        assertThat(proof[64]).isIn((byte) 27, (byte) 28);
        Sign.SignatureData signature = new Sign.SignatureData(proof[64], Arrays.copyOfRange(proof, 0, 32),
                Arrays.copyOfRange(proof, 32, 64));
        BigInteger publicKey = Sign.signedPrefixedMessageToKey(signed.getBytes(StandardCharsets.UTF_8), signature);
        return "0x" + Keys.getAddress(publicKey);
    }

    private HttpResponse<String> request(String message, String privateKey) throws IOException, InterruptedException {
        return request(message, sign(message, privateKey), true);
    }

    private HttpResponse<String> request(String message, String signature, boolean withSlash) throws IOException, InterruptedException {
        return get(sandbox.credentialsUrl() + (withSlash ? "/" : "") + query(message, signature));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String message, String signature) {
        return "?message=" + enc(message) + "&signature=" + enc(signature);
    }

    private static String sign(String message, String privateKey) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), keyPair(privateKey));
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV());
    }

    /** The same signature with s replaced by n - s (and v flipped): valid ECDSA, but not the canonical low-s form. */
    private static String withHighS(String signature) {
        byte[] bytes = HexFormat.of().parseHex(signature.substring(2));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
        byte[] high = Sign.CURVE_PARAMS.getN().subtract(s).toByteArray();
        byte[] fixed = new byte[32];
        System.arraycopy(high, Math.max(0, high.length - 32), fixed, 32 - Math.min(32, high.length), Math.min(32, high.length));
        System.arraycopy(fixed, 0, bytes, 32, 32);
        bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private static ECKeyPair keyPair(String privateKey) {
        return ECKeyPair.create(new BigInteger(privateKey.substring(2), 16));
    }

    private static String address(String privateKey) {
        return Keys.toChecksumAddress(Keys.getAddress(keyPair(privateKey)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("error");
        assertThat(body.get("error").asText()).isEqualTo(error);
    }

    private static void assertNotFound(HttpResponse<String> response, String error, String address) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("address", "error");
        assertThat(body.get("address").asText()).isEqualTo(address);
        assertThat(body.get("error").asText()).isEqualTo(error);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
