package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.HttpTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsApiTest {
    private static final CredentialMessage MESSAGE = CredentialMessage.parse(AppendixA.USER_MESSAGE);
    private static final PersonalSignature SIGNATURE = PersonalSignature.parse(AppendixA.USER_SIGNATURE);
    private static final String PROOF_JSON = "{\"address\":\"" + AppendixA.SUBJECT + "\",\"approvedAt\":" + AppendixA.APPROVED_AT
            + ",\"fractalId\":\"" + AppendixA.FRACTAL_ID + "\",\"validUntil\":" + AppendixA.VALID_UNTIL
            + ",\"proof\":\"" + AppendixA.S1_PROOF + "\",\"credential\":\"" + AppendixA.S1_CREDENTIAL + "\"}";

    @Test
    void theMessageAndSignatureGoInTheQueryAndTheProofComesBack() throws Exception {
        List<String> urls = new ArrayList<>();
        CredentialsApi api = new CredentialsApi("https://credentials.example", (url, bearer) -> {
            urls.add(url);
            assertThat(bearer).isEmpty();
            return new HttpTransport.Answer(200, PROOF_JSON);
        });

        FractalProof proof = api.proofFor(MESSAGE, SIGNATURE);

        assertThat(proof.signedString()).isEqualTo(AppendixA.S1);
        String url = urls.get(0);
        assertThat(url).startsWith("https://credentials.example/?message=");
        String query = url.substring(url.indexOf('?') + 1);
        assertThat(URLDecoder.decode(query.substring("message=".length(), query.indexOf("&signature=")), StandardCharsets.UTF_8))
                .isEqualTo(AppendixA.USER_MESSAGE);
        assertThat(query.substring(query.indexOf("&signature=") + "&signature=".length())).isEqualTo(AppendixA.USER_SIGNATURE);
    }

    @Test
    void fractalsDocumentedRefusalsKeepTheirCode() {
        for (String answer : List.of("400 invalid_level", "400 invalid_client_id", "404 user_not_found", "404 user_pending")) {
            int status = Integer.parseInt(answer.substring(0, 3));
            String code = answer.substring(4);
            CredentialsApi api = new CredentialsApi("https://credentials.example/", (url, bearer) ->
                    new HttpTransport.Answer(status, "{\"address\":\"" + AppendixA.SUBJECT + "\",\"error\":\"" + code + "\"}"));

            assertThatThrownBy(() -> api.proofFor(MESSAGE, SIGNATURE)).isInstanceOfSatisfying(CredentialException.class,
                    e -> assertThat(e.error().code()).isEqualTo(code));
        }
    }

    @Test
    void outagesAndUndocumentedAnswersAreUnavailableNotTheCallersFault() {
        List<HttpTransport> transports = List.of(
                (url, bearer) -> {
                    throw new IOException("connection refused");
                },
                (url, bearer) -> new HttpTransport.Answer(502, "<html>bad gateway</html>"),
                (url, bearer) -> new HttpTransport.Answer(500, "{\"error\":\"internal\"}"),
                (url, bearer) -> new HttpTransport.Answer(404, "{\"error\":\"invalid_level\"}"),
                (url, bearer) -> new HttpTransport.Answer(200, "{\"address\":\"0x12\"}"),
                // fuzz regression: a validUntil beyond what an Instant holds escaped as DateTimeException
                (url, bearer) -> new HttpTransport.Answer(200, PROOF_JSON.replace(String.valueOf(AppendixA.VALID_UNTIL), "31556889864403200")),
                (url, bearer) -> new HttpTransport.Answer(200, null));
        for (HttpTransport transport : transports) {
            assertThatThrownBy(() -> new CredentialsApi("https://credentials.example", transport).proofFor(MESSAGE, SIGNATURE))
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .message().doesNotContain(AppendixA.USER_SIGNATURE);
        }
    }
}
