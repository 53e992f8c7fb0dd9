package io.github.keycloakfractal.keycloak.http;

import io.github.keycloakfractal.fractal.HttpTransport;
import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.util.EntityUtils;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every call the extension makes to Fractal (statistics, Kraken, Credentials API, the statistics token, user info)
 * goes through Keycloak's HTTP client, so Keycloak's truststore and proxy settings apply, with deadlines of its own so
 * that a slow or silent Fractal never holds a request thread for long: {@value #CONNECT_MILLIS} ms to connect,
 * {@value #READ_MILLIS} ms without a byte while reading, {@value #POOL_MILLIS} ms to get a pooled connection. The
 * statistics answer is streamed into its parser, past Keycloak's 10 MB limit for whole bodies (one row per user:
 * 100 000 users are about 8 MB); a connection that drops or stalls while it is read is a call that failed
 * ({@code unreachable}, {@code timeout}), not an answer that did not parse. Each call is timed by API and outcome
 * ({@code fractal_outbound_requests_seconds}).
 */
public final class KeycloakHttp {
    public static final int CONNECT_MILLIS = 5_000;
    public static final int READ_MILLIS = 10_000;
    public static final int POOL_MILLIS = 5_000;
    private static final RequestConfig DEADLINES = RequestConfig.custom().setConnectTimeout(CONNECT_MILLIS)
            .setSocketTimeout(READ_MILLIS).setConnectionRequestTimeout(POOL_MILLIS).build();

    private KeycloakHttp() {
    }

    /** POSTs a form (e.g. an OAuth grant) and returns the answer whatever its status. */
    public static HttpTransport.Answer postForm(KeycloakSession session, String api, String url, Map<String, String> form) throws IOException {
        return timed(api, () -> {
            SimpleHttpRequest request = http(session).doPost(url).acceptJson();
            form.forEach(request::param);
            try (SimpleHttpResponse response = request.asResponse()) {
                return new HttpTransport.Answer(response.getStatus(), response.asString());
            }
        }, HttpTransport.Answer::status);
    }

    /** The core's transport for one of Fractal's APIs ({@code api} names it in metrics). */
    public static HttpTransport transport(KeycloakSession session, String api) {
        return new HttpTransport() {
            @Override
            public Answer get(String url, Optional<String> bearer) throws IOException {
                return timed(api, () -> {
                    SimpleHttpRequest request = http(session).doGet(url).acceptJson();
                    bearer.ifPresent(request::auth);
                    try (SimpleHttpResponse response = request.asResponse()) {
                        return new Answer(response.getStatus(), response.asString());
                    }
                }, Answer::status);
            }

            @Override
            public <T, E extends Exception> Streamed<T> stream(String url, Optional<String> bearer, BodyReader<T, E> reader) throws IOException, E {
                long started = System.nanoTime();
                HttpGet get = new HttpGet(url);
                get.setConfig(DEADLINES);
                get.setHeader("Accept", "application/json");
                bearer.ifPresent(token -> get.setHeader("Authorization", "Bearer " + token));
                CloseableHttpResponse response;
                try {
                    response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(get);
                } catch (IOException e) {
                    record(api, outcome(e), started);
                    throw e;
                }
                try (response) {
                    HttpEntity entity = response.getEntity();
                    int status = response.getStatusLine().getStatusCode();
                    if (status != 200 || entity == null) {
                        EntityUtils.consumeQuietly(entity);
                        record(api, outcome(status), started);
                        return new Streamed<>(status, Optional.empty());
                    }
                    return new Streamed<>(status, Optional.of(read(api, entity, reader, started)));
                }
            }
        };
    }

    /**
     * Hands the body to {@code reader}. A connection that drops or stalls under the reader ends as that
     * {@link IOException} (Fractal unreachable, counted as {@code unreachable} or {@code timeout}), whatever the reader
     * made of its half-read input; an answer that arrived whole is an {@code ok} call, parsed or not.
     */
    private static <T, E extends Exception> T read(String api, HttpEntity entity, HttpTransport.BodyReader<T, E> reader, long started)
            throws IOException, E {
        WatchedBody body;
        try {
            body = new WatchedBody(entity.getContent());
        } catch (IOException e) {
            record(api, outcome(e), started);
            throw e;
        }
        T value;
        try {
            value = reader.read(body);
        } catch (Exception failure) {
            Optional<IOException> broken = body.failure();
            record(api, broken.map(KeycloakHttp::outcome).orElse("ok"), started);
            closeQuietly(body);
            if (broken.isPresent()) {
                throw broken.get();
            }
            throw failure;
        }
        record(api, "ok", started);
        closeQuietly(body);
        return value;
    }

    /** The answer is read (or given up on); a failure to release its connection changes nothing for the caller. */
    private static void closeQuietly(WatchedBody body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the response's own close follows and discards the connection
        }
    }

    /** Keycloak's HTTP client with the deadlines above, for a call made through Keycloak's own request API. */
    public static SimpleHttp http(KeycloakSession session) {
        return SimpleHttp.create(session).withRequestConfig(DEADLINES);
    }

    /** A call through Keycloak's request API, timed by API and outcome. */
    public interface Call<T> {
        T run() throws IOException;
    }

    public static <T> T timed(String api, Call<T> call, java.util.function.ToIntFunction<T> status) throws IOException {
        long started = System.nanoTime();
        try {
            T answer = call.run();
            record(api, outcome(status.applyAsInt(answer)), started);
            return answer;
        } catch (IOException e) {
            record(api, outcome(e), started);
            throw e;
        }
    }

    private static void record(String api, String outcome, long startedNanos) {
        FractalMetrics.keycloak().outbound(api, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private static String outcome(int status) {
        return status / 100 == 2 ? "ok" : status / 100 == 4 ? "http_4xx" : "http_5xx";
    }

    private static String outcome(IOException failure) {
        return failure instanceof SocketTimeoutException || failure instanceof ConnectTimeoutException ? "timeout" : "unreachable";
    }
}
