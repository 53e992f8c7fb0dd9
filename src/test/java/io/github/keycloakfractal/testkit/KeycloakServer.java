package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Keycloak distribution (the zip from Maven Central, unpacked by Maven into {@code target/}) started as a
 * {@link KeycloakLaunch} says ({@code kc.sh start-dev} on H2 or PostgreSQL, or production {@code kc.sh start} as a
 * cluster node), with whatever JARs are in its {@code providers/} folder. Its output goes to a log file (a full pipe
 * could block the server); {@link #logFile()} says where. A test may {@link #kill()} it and {@link #restart()} it:
 * the object stays the same, so clients holding it follow.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Duration START_LIMIT = Duration.ofMinutes(4);

    private final KeycloakLaunch launch;
    private volatile Process process;

    private KeycloakServer(KeycloakLaunch launch) {
        this.launch = launch;
    }

    /**
     * The unpacked distribution the build prepared, from the {@code keycloak.home} system property: 26.5.6 for the
     * suite, another version for the compatibility runs (see the failsafe executions in pom.xml).
     */
    public static Path home() {
        return home("keycloak.home");
    }

    /** An unpacked distribution the build prepared, named by the system property {@code property}. */
    public static Path home(String property) {
        String home = System.getProperty(property);
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("No Keycloak distribution at " + property + "=" + home + "; run through `mvn verify`");
        }
        return Path.of(home);
    }

    /** {@code kc.sh start-dev} in {@code home} with the given options; returns once Keycloak is ready. */
    public static KeycloakServer start(Path home, int httpPort, int managementPort, List<String> extraArgs) throws IOException {
        return start(KeycloakLaunch.development(home, httpPort, managementPort, extraArgs));
    }

    /** Starts Keycloak as {@code launch} says (a new log file) and returns once it is ready. */
    public static KeycloakServer start(KeycloakLaunch launch) throws IOException {
        Files.deleteIfExists(launch.logFile());
        KeycloakServer server = new KeycloakServer(launch);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.spawn();
        return server;
    }

    /**
     * Starts this server again after {@link #kill()} or {@link #close()}, same distribution, ports and options; its
     * output is appended to the same log. Returns once it is ready.
     */
    public synchronized void restart() throws IOException {
        close();
        spawn();
    }

    /**
     * SIGKILL, as a crashed machine or an OOM killer would end it: the Java process and kc.sh, its parent, get no
     * chance to finish requests, commit or tell the cluster. Returns once both are gone.
     */
    public synchronized void kill() {
        Process running = process;
        List<ProcessHandle> descendants = running.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        descendants.forEach(handle -> handle.onExit().join());
        running.onExit().join();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public KeycloakLaunch launch() {
        return launch;
    }

    private void spawn() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.commandLine())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        process = builder.start();
        awaitReady(launch.managementPort());
    }

    /** Where the file vault reads secrets: one file per secret, named {@code <realm>_<key>}. */
    public static Path vaultDirectory() {
        return home().resolve("vault");
    }

    /** Start options for Keycloak's file vault in {@link #vaultDirectory()}, so tests configure secrets as admins should. */
    public static List<String> fileVault() throws IOException {
        Files.createDirectories(vaultDirectory());
        return List.of("--vault=file", "--vault-dir=" + vaultDirectory().toAbsolutePath());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + launch.httpPort();
    }

    /** Health and metrics: {@code /health/ready}, {@code /metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + launch.managementPort();
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Path logFile() {
        return launch.logFile();
    }

    /** How many lines of this server's log (all its runs) contain {@code text}. */
    public long logLinesContaining(String text) throws IOException {
        String log = new String(Files.readAllBytes(logFile()), java.nio.charset.StandardCharsets.UTF_8);
        return log.lines().filter(line -> line.contains(text)).count();
    }

    private void awaitReady(int managementPort) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start; log: " + logFile());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_LIMIT + "; log: " + logFile());
    }

    /** kc.sh forwards the signal, but a re-augmentation can leave a child java, so the descendants go first. */
    @Override
    public synchronized void close() {
        Process process = this.process;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
