package io.github.keycloakfractal.keycloak.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A response body handed to a parser that remembers whether the connection failed under it. A streaming parser turns
 * every read failure into its own "malformed answer" error; this lets the caller tell a dropped or stalled connection
 * (Fractal unreachable, counted as such) from an answer that arrived whole and did not parse.
 */
final class WatchedBody extends FilterInputStream {
    private IOException failure;

    WatchedBody(InputStream body) {
        super(body);
    }

    /** The first failure of the connection while the body was read, if there was one. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return super.skip(count);
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    private IOException remembered(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
