package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Fractal ID that integration tests and the demo run locally: the consent page ({@code /authorize}),
 * the token endpoint ({@code /oauth/token}) and both user-info shapes ({@code /users/me}, {@code /v2/users/me}),
 * behaving as Fractal's contract (and the Doorkeeper server behind it) says; besides, the statistics API
 * ({@code /v2/stats/}), Kraken and the Credentials API. A real Keycloak and a headless browser
 * talk to it concurrently; every piece of state lives in the instance and is thread-safe.
 *
 * <p>This class is the server, its routing and the API tests use to set the scene (users, clients, token lifetime)
 * and to look behind the scenes (which grants happened, which refresh tokens are alive).
 *
 * <p>It listens on the loopback interface only: on {@code 127.0.0.1} and, where the machine has IPv6, on
 * {@code ::1} with the same port, so {@code http://localhost:<port>} works whichever address a client resolves
 * {@code localhost} to. {@link #baseUrl()} uses {@code 127.0.0.1}.
 */
public final class FractalSandbox implements AutoCloseable {
    /** The application registered at start; tests and the demo realm use it. */
    public static final String DEFAULT_CLIENT_ID = "sandbox-client";
    /** The secret of {@link #DEFAULT_CLIENT_ID}: a well-known test value, not a secret. */
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    public static final int DEFAULT_PORT = 8081;

    private static final String LOOPBACK = "127.0.0.1";

    private final SandboxClients clients = new SandboxClients();
    private final SandboxUsers users = SandboxUsers.seeded();
    private final TokenStore tokens;
    private final SandboxKraken kraken;
    private final SandboxCredentials credentials = new SandboxCredentials();
    private final SandboxStats stats = new SandboxStats(users);
    private final SlowAnswers slow = new SlowAnswers();
    private final Clock clock;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor;
    private final String baseUrl;

    private FractalSandbox(String host, int port, Clock clock) throws IOException {
        this.tokens = new TokenStore(clock);
        this.kraken = new SandboxKraken(clock);
        this.clock = clock;
        clients.register(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fractal-sandbox-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

        InetAddress address = InetAddress.getByName(host);
        HttpServer primary = bind(address, port);
        int boundPort = primary.getAddress().getPort();
        if (address.isLoopbackAddress() && !(address instanceof Inet6Address)) {
            bindIpv6Loopback(boundPort);
        }
        String urlHost = address.isAnyLocalAddress() ? LOOPBACK
                : address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : host;
        this.baseUrl = "http://" + urlHost + ":" + boundPort;
        servers.forEach(HttpServer::start);
    }

    /** Starts a sandbox on 127.0.0.1 (and ::1); port 0 picks a free port. */
    public static FractalSandbox start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** As {@link #start(int)}, with the clock that decides code and token expiry (tests move it instead of sleeping). */
    public static FractalSandbox start(int port, Clock clock) {
        return start(LOOPBACK, port, clock);
    }

    /** Listens on {@code host}, e.g. {@code 0.0.0.0} when the sandbox runs in a container. */
    static FractalSandbox start(String host, int port, Clock clock) {
        try {
            return new FractalSandbox(host, port, Objects.requireNonNull(clock, "clock"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Fractal sandbox on " + host + ":" + port, e);
        }
    }

    /**
     * Runs the sandbox on its own until killed (demo, docker-compose). Port: {@code args[0]}, else
     * {@code FRACTAL_SANDBOX_PORT}, else {@value #DEFAULT_PORT}; interface: {@code FRACTAL_SANDBOX_HOST}, else loopback;
     * Kraken's return URL (where the journey sends the browser back): {@code FRACTAL_SANDBOX_KRAKEN_RETURN_URL}, if set.
     */
    public static void main(String[] args) throws InterruptedException {
        String portSetting = args.length > 0 ? args[0] : System.getenv("FRACTAL_SANDBOX_PORT");
        int port = portSetting == null || portSetting.isBlank() ? DEFAULT_PORT : Integer.parseInt(portSetting.trim());
        String hostSetting = System.getenv("FRACTAL_SANDBOX_HOST");
        String host = hostSetting == null || hostSetting.isBlank() ? LOOPBACK : hostSetting.trim();

        FractalSandbox sandbox = start(host, port, Clock.systemUTC());
        String krakenReturn = System.getenv("FRACTAL_SANDBOX_KRAKEN_RETURN_URL");
        if (krakenReturn != null && !krakenReturn.isBlank()) {
            sandbox.kraken().registerRedirectUrl(krakenReturn.trim());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        StringBuilder banner = new StringBuilder()
                .append("Fractal ID sandbox listening on ").append(sandbox.baseUrl())
                .append(host.equals(LOOPBACK) ? " (also http://localhost:" + sandbox.port() + ")" : " (interface " + host + ")")
                .append("\n  authorize     ").append(sandbox.authorizeUrl())
                .append("\n  token         ").append(sandbox.tokenUrl())
                .append("\n  user info v1  ").append(sandbox.userInfoV1Url())
                .append("\n  user info v2  ").append(sandbox.userInfoV2Url())
                .append("\n  client id     ").append(DEFAULT_CLIENT_ID).append(" (the default sandbox secret, see README)")
                .append("\n  credentials   ").append(sandbox.credentialsUrl()).append(" (proofs signed by ")
                .append(sandbox.credentials().signerAddress()).append("; wallets ").append(SandboxCredentials.SUBJECT_ADDRESS)
                .append(" approved, ").append(SandboxCredentials.PENDING_ADDRESS).append(" pending)")
                .append("\n  statistics    ").append(sandbox.statsUrl())
                .append("/{user,total,country}-verifications (client_credentials token with scope ").append(Scopes.CLIENT_STATS).append(")")
                .append("\n  users (pick one on the consent page):");
        for (SandboxUser user : sandbox.users()) {
            banner.append(String.format("%n    %-6s %s", user.key(), user.describe()));
        }
        System.out.println(banner);
        stopped.await();
    }

    /** E.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return servers.get(0).getAddress().getPort();
    }

    /** The consent page, Fractal's {@code FRONTEND/authorize}. */
    public String authorizeUrl() {
        return baseUrl + "/authorize";
    }

    /** Fractal's {@code AUTH/oauth/token}. */
    public String tokenUrl() {
        return baseUrl + "/oauth/token";
    }

    /** The 2018-2024 user-info path and shape (person, institution, verifications and verification_cases). */
    public String userInfoV1Url() {
        return baseUrl + "/users/me";
    }

    /** Today's user-info path and shape (emails with source type, verification_cases). */
    public String userInfoV2Url() {
        return baseUrl + "/v2/users/me";
    }

    /** Registers (or re-keys) an application; {@link #DEFAULT_CLIENT_ID} is registered from the start. */
    public void registerClient(String clientId, String clientSecret) {
        clients.register(clientId, clientSecret);
    }

    /** A user by key ({@code alice}, {@code acme}, {@code pete}, {@code rita}, or added ones); throws if unknown. */
    public SandboxUser user(String key) {
        return users.get(key);
    }

    /** Every user, in the order of the consent page. */
    public Collection<SandboxUser> users() {
        return users.all();
    }

    /** Adds a user to the consent page (its key must be new). */
    public void addUser(SandboxUser user) {
        users.add(user);
    }

    /**
     * Puts the seeded users back as they were at start (the same objects) and removes added users; the Credentials
     * API's wallet users, signer and request log go back to their start too, and so does the statistics API (shape,
     * outage, cut-off answers, synthetic users, request count); a slowed-down sandbox is fast again.
     */
    public void resetUsers() {
        users.reset();
        credentials.reset();
        stats.reset();
        slow.reset();
    }

    /** Fractal's APIs made slow on purpose (the browser pages stay fast), until {@link #resetUsers()}. */
    public SlowAnswers slowAnswers() {
        return slow;
    }

    /** Lifetime of access tokens issued from now on (default 7200 s, as at Fractal). */
    public void setAccessTokenLifetime(Duration lifetime) {
        tokens.setAccessTokenLifetime(lifetime);
    }

    public Duration accessTokenLifetime() {
        return tokens.accessTokenLifetime();
    }

    /** Every successful grant in order: {@code authorization_code}, {@code refresh_token} or {@code client_credentials}. */
    public List<String> grantLog() {
        return tokens.grantLog();
    }

    /** The newest refresh token issued for the user, or null if none was. */
    public String latestRefreshToken(String userKey) {
        return tokens.latestRefreshToken(userKey);
    }

    /** False for unknown refresh tokens and for those revoked by rotation (once their successor's access token was used). */
    public boolean isRefreshTokenActive(String refreshToken) {
        return tokens.isRefreshTokenActive(refreshToken);
    }

    /** Kraken, Fractal's newer KYC flow, served under {@code /kraken}. */
    public SandboxKraken kraken() {
        return kraken;
    }

    public String krakenUrl() {
        return baseUrl + "/kraken";
    }

    /** Kraken's journey page, where both link forms point: {@code ?clientId=&level=} or {@code ?token=}. */
    public String krakenJourneyUrl() {
        return baseUrl + KrakenJourneyEndpoint.PATH;
    }

    /** Fractal's Credentials API (wallet users, proof signer, request log), served under {@code /credentials}. */
    public SandboxCredentials credentials() {
        return credentials;
    }

    /** The Credentials API's base, without a trailing slash; requests go to {@code <this>/?message=&signature=}. */
    public String credentialsUrl() {
        return baseUrl + CredentialsEndpoint.PATH;
    }

    /**
     * Fractal's statistics API (shape switch, outage, synthetic users, request count), served under
     * {@code /v2/stats/} from the users' current data.
     */
    public SandboxStats stats() {
        return stats;
    }

    /** The statistics API's base, without a trailing slash: {@code <this>/user-verifications} and so on. */
    public String statsUrl() {
        return baseUrl + "/v2/stats";
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }

    private HttpServer bind(InetAddress address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.setExecutor(executor);
        InfoPages info = new InfoPages(this);
        server.createContext("/", Exchanges.route("/", info::index));
        server.createContext("/test-app/", Exchanges.guarded("/test-app/", info::testAppCallback));
        server.createContext("/authorize", Exchanges.route("/authorize", new AuthorizeEndpoint(clients, users, tokens)));
        server.createContext("/oauth/token", Exchanges.route("/oauth/token", slow.around(new TokenEndpoint(clients, tokens))));
        server.createContext("/users/me", Exchanges.route("/users/me", slow.around(UserInfoEndpoint.v1(tokens, users))));
        server.createContext("/v2/users/me", Exchanges.route("/v2/users/me", slow.around(UserInfoEndpoint.v2(tokens, users))));
        server.createContext(StatsEndpoint.PREFIX, Exchanges.guarded(StatsEndpoint.PREFIX, slow.around(new StatsEndpoint(stats, tokens))));
        server.createContext(KrakenApiEndpoint.PREFIX, Exchanges.guarded("kraken", slow.around(new KrakenApiEndpoint(kraken, clock))));
        server.createContext(KrakenJourneyEndpoint.PATH, Exchanges.route(KrakenJourneyEndpoint.PATH, new KrakenJourneyEndpoint(kraken)));
        server.createContext(CredentialsEndpoint.PATH, Exchanges.guarded(CredentialsEndpoint.PATH,
                slow.around(new CredentialsEndpoint(credentials, clients::exists, clock))));
        servers.add(server);
        return server;
    }

    /** Best effort: without IPv6, or with ::1 on that port taken, clients still reach 127.0.0.1. */
    private void bindIpv6Loopback(int port) {
        try {
            bind(InetAddress.getByName("::1"), port);
        } catch (IOException | RuntimeException e) {
            // IPv4 loopback only
        }
    }
}
