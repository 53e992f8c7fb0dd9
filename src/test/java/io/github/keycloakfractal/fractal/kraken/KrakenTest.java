package io.github.keycloakfractal.fractal.kraken;

import io.github.keycloakfractal.fractal.HttpTransport;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrakenTest {

    private static KrakenWebhook parse(String json) {
        return KrakenWebhook.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedWebhookParses() {
        KrakenWebhook webhook = parse("{'id':'5b1f2c1e-0000-4000-8000-000000000001','status':'approved','note':''}");

        assertThat(webhook.userId()).isEqualTo("5b1f2c1e-0000-4000-8000-000000000001");
        assertThat(webhook.status()).isEqualTo(KycStatus.APPROVED);
        assertThat(webhook.note()).isEmpty();
        assertThat(parse("{'id':'x','status':'rejected','note':'document unreadable'}").note()).contains("document unreadable");
        assertThat(parse("{'id':'x','status':'pending'}").status()).as("the first draft's pending").isEqualTo(KycStatus.PENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "{}", "{'id':'x'}", "{'status':'approved'}", "{'id':'','status':'approved'}",
            "{'id':'x','status':'GREEN'}", "{'id':'x','status':'contacted'}", "{'id':7,'status':'approved'}"})
    void malformedOrUnknownWebhooksAreRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void statusIsReadWithTheBearerAtTheDocumentedPath() throws Exception {
        List<String> calls = new ArrayList<>();
        KrakenApi api = new KrakenApi("https://kraken.example/", () -> "jwt-1", (url, bearer) -> {
            calls.add(url + " " + bearer.orElseThrow());
            return new HttpTransport.Answer(200, "{\"status\":\"rejected\"}");
        });

        assertThat(api.status("user 1")).isEqualTo(KycStatus.REJECTED);
        assertThat(calls).containsExactly("https://kraken.example/public/kyc/user+1/status jwt-1");
    }

    @Test
    void krakenFailuresAreTypedAndSayNothingSecret() {
        KrakenApi down = new KrakenApi("https://kraken.example", () -> "secret-key", (url, bearer) -> {
            throw new IOException("connection refused");
        });
        KrakenApi refusing = new KrakenApi("https://kraken.example", () -> "secret-key", (url, bearer) -> new HttpTransport.Answer(401, "{}"));
        KrakenApi odd = new KrakenApi("https://kraken.example", () -> "secret-key", (url, bearer) -> new HttpTransport.Answer(200, "{\"status\":\"GREEN\"}"));

        for (KrakenApi api : List.of(down, refusing, odd)) {
            assertThatThrownBy(() -> api.status("u")).isInstanceOf(KrakenException.class).message().doesNotContain("secret-key");
        }
    }

    @Test
    void journeyLinksInBothForms() {
        assertThat(KrakenJourney.queryLink("https://kraken.fractal.id/", "c-1", KycLevel.parse("basic+liveness")))
                .isEqualTo("https://kraken.fractal.id/kyc?clientId=c-1&level=basic%2Bliveness");
        assertThat(KrakenJourney.tokenLink("https://kraken.fractal.id", "a.b-c_d.e"))
                .isEqualTo("https://kraken.fractal.id/kyc?token=a.b-c_d.e");
        assertThat(KrakenJourney.tokenClaims("c-1", KycLevel.parse("basic+liveness+idos"), "s-9"))
                .containsExactly(entry("clientId", "c-1"), entry("kyc", true), entry("level", "basic+liveness+idos"), entry("state", "s-9"));
    }

    @Test
    void theOneTimeTokenExchangeReadsKrakensNaming() throws Exception {
        List<String> calls = new ArrayList<>();
        KrakenApi api = new KrakenApi("https://kraken.example", () -> "jwt", (url, bearer) -> {
            calls.add(url);
            return new HttpTransport.Answer(200, "{\"userId\":\"k-1\",\"state\":\"pending\",\"externalState\":\"s-9\"}");
        });

        KrakenSession session = api.exchange("ott/1");

        assertThat(calls).containsExactly("https://kraken.example/public/kyc/token/ott%2F1");
        assertThat(session).isEqualTo(new KrakenSession("k-1", KycStatus.PENDING, java.util.Optional.of("s-9")));
    }

    @Test
    void anExchangeWithoutUserOrWithAnUnknownStateFails() {
        for (String body : List.of("{\"state\":\"approved\"}", "{\"userId\":\"k\",\"state\":\"GREEN\"}")) {
            KrakenApi api = new KrakenApi("https://kraken.example", () -> "jwt", (url, bearer) -> new HttpTransport.Answer(200, body));
            assertThatThrownBy(() -> api.exchange("ott")).isInstanceOf(KrakenException.class);
        }
    }

    @Test
    void krakenSayingNoToATokenIsARefusalButABadCredentialOrAnOutageIsNot() {
        for (int status : new int[] {400, 404, 410}) {
            KrakenApi api = new KrakenApi("https://kraken.example", () -> "jwt", (url, bearer) -> new HttpTransport.Answer(status, "{}"));
            assertThatThrownBy(() -> api.exchange("ott")).isInstanceOfSatisfying(KrakenException.class,
                    e -> assertThat(e.isRefusal()).as("HTTP %d", status).isTrue());
        }
        for (int status : new int[] {401, 403, 500, 503}) {
            KrakenApi api = new KrakenApi("https://kraken.example", () -> "jwt", (url, bearer) -> new HttpTransport.Answer(status, "{}"));
            assertThatThrownBy(() -> api.exchange("ott")).isInstanceOfSatisfying(KrakenException.class,
                    e -> assertThat(e.isRefusal()).as("HTTP %d", status).isFalse());
        }
    }
}
