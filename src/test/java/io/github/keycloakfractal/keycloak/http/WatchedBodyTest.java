package io.github.keycloakfractal.keycloak.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchedBodyTest {

    @Test
    void aWholeBodyLeavesNoFailure() throws IOException {
        WatchedBody body = new WatchedBody(new ByteArrayInputStream("[1,2,3]".getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[1,2,3]");
        assertThat(body.failure()).isEmpty();
    }

    @Test
    void theFirstFailureOfTheConnectionIsRememberedEvenWhenTheParserSwallowsIt() {
        InputStream stalls = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
            }
        };
        WatchedBody body = new WatchedBody(new SequenceInputStream(new ByteArrayInputStream("[{\"user_id\":".getBytes(StandardCharsets.UTF_8)), stalls));

        assertThatThrownBy(body::readAllBytes).isInstanceOf(SocketTimeoutException.class);
        assertThatThrownBy(body::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(body.failure()).containsInstanceOf(SocketTimeoutException.class);
    }
}
