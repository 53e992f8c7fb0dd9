package io.github.keycloakfractal.keycloak.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialRequestTest {

    @Test
    void theMessageFormCarriesTheSignedAuthorization() throws Exception {
        CredentialRequest request = parse("{\"challenge\":\"n\",\"challenge_signature\":\"0x1\",\"message\":\"I authorize\",\"signature\":\"0x2\"}");

        assertThat(request.challenge()).isEqualTo("n");
        assertThat(request.challengeSignature()).isEqualTo("0x1");
        assertThat(request.message()).contains(new CredentialRequest.SignedMessage("I authorize", "0x2"));
        assertThat(request.proof()).isEmpty();
    }

    @Test
    void theProofFormCarriesFractalsAnswer() throws Exception {
        CredentialRequest request = parse("{\"challenge\":\"n\",\"challenge_signature\":\"0x1\",\"proof\":{\"address\":\"0xabc\"}}");

        assertThat(request.message()).isEmpty();
        assertThat(request.proof().orElseThrow().path("address").asText()).isEqualTo("0xabc");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "null", "[]", "\"text\"", "{", "{\"challenge\":\"n\"}",
            "{\"challenge\":1,\"challenge_signature\":\"0x1\",\"proof\":{}}",
            "{\"challenge\":\"\",\"challenge_signature\":\"0x1\",\"proof\":{}}",
            "{\"challenge\":\"n\",\"challenge_signature\":\"0x1\"}",
            "{\"challenge\":\"n\",\"challenge_signature\":\"0x1\",\"message\":\"m\"}",
            "{\"challenge\":\"n\",\"challenge_signature\":\"0x1\",\"message\":\"m\",\"signature\":\"s\",\"proof\":{}}",
            "{\"challenge\":\"n\",\"challenge_signature\":\"0x1\",\"proof\":\"0xproof\"}"})
    void anythingElseIsMalformedWithAReasonAClientCanActOn(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(CredentialRequest.Malformed.class).hasMessageNotContaining("Exception");
    }

    private static CredentialRequest parse(String json) throws CredentialRequest.Malformed {
        return CredentialRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
