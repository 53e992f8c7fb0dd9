package io.github.keycloakfractal.fractal.stats;

import io.github.keycloakfractal.fractal.HttpTransport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTokenTest {
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpires() throws Exception {
        AtomicInteger grants = new AtomicInteger();
        ClientToken.Grant grant = () -> new HttpTransport.Answer(200,
                "{\"access_token\":\"t" + grants.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":7200}");

        assertThat(new ClientToken(at(START)).bearer(grant)).isEqualTo("t1");
        ClientToken token = new ClientToken(at(START));
        assertThat(token.bearer(grant)).isEqualTo("t2");
        assertThat(token.bearer(grant)).isEqualTo("t2");

        assertThat(new ClientToken(at(START.plusSeconds(7200))).bearer(grant)).isEqualTo("t3");
        token.forget();
        assertThat(token.bearer(grant)).isEqualTo("t4");
    }

    @Test
    void aRefusedGrantOrAnAnswerWithoutATokenFailsWithoutTheSecret() {
        ClientToken token = new ClientToken(at(START));
        for (ClientToken.Grant grant : new ClientToken.Grant[] {
                () -> new HttpTransport.Answer(401, "{\"error\":\"invalid_client\"}"),
                () -> new HttpTransport.Answer(200, "{\"token_type\":\"bearer\"}"),
                () -> new HttpTransport.Answer(200, "{\"access_token\":\"x\",\"token_type\":\"mac\"}"),
                () -> new HttpTransport.Answer(200, "<html>"),
                () -> {
                    throw new IOException("client_secret=s3cret refused");
                }}) {
            assertThatThrownBy(() -> token.bearer(grant)).isInstanceOf(StatsException.class).message().doesNotContain("s3cret");
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
