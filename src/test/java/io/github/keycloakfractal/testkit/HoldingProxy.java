package io.github.keycloakfractal.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pass-through HTTP proxy in front of one of the sandbox's APIs that a test can make slow on purpose: while
 * {@link #hold()} is in force, requests wait at the proxy until {@link #release()}. A test uses it to keep one
 * node's work in flight (e.g. a reconciliation fetching Fractal's statistics) while it does something on the other
 * node, without guessing how long anything takes.
 */
public final class HoldingProxy implements AutoCloseable {
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "holding-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String upstream;
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private HoldingProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy whose {@link #url()} stands for {@code upstream} (no trailing slash), e.g. the sandbox's statistics API. */
    public static HoldingProxy to(String upstream) throws IOException {
        return new HoldingProxy(upstream);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests from now on wait at the proxy. */
    public void hold() {
        gate.set(new CountDownLatch(1));
    }

    /** Lets every waiting request (and later ones) through. */
    public void release() {
        gate.get().countDown();
    }

    /** Waits until {@code count} requests are waiting at the proxy. */
    public void awaitHeld(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(HOLD_LIMIT);
        while (held.get() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(held.get() + " request(s) held, not " + count);
            }
            Thread.sleep(50);
        }
    }

    /** Requests that reached the proxy, held or not. */
    public int requestCount() {
        return requests.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            CountDownLatch latch = gate.get();
            held.incrementAndGet();
            try {
                latch.await(HOLD_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                held.decrementAndGet();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String header : List.of("Authorization", "Accept", "Content-Type")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
