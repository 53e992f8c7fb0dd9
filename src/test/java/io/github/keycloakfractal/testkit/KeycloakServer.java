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
 * A real Keycloak distribution (the zip from Maven Central, unpacked by Maven into {@code target/}) started with
 * {@code kc.sh start-dev} on the embedded H2 database, with whatever JARs are in its {@code providers/} folder. Its
 * output goes to a log file (a full pipe could block the server); {@link #logFile()} says where.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Duration START_LIMIT = Duration.ofMinutes(4);

    private final Process process;
    private final int httpPort;
    private final Path logFile;

    private KeycloakServer(Process process, int httpPort, Path logFile) {
        this.process = process;
        this.httpPort = httpPort;
        this.logFile = logFile;
    }

    /** The unpacked distribution the build prepared, from the {@code keycloak.home} system property. */
    public static Path home() {
        String home = System.getProperty("keycloak.home");
        if (home == null || !Files.isDirectory(Path.of(home, "bin"))) {
            throw new IllegalStateException("No Keycloak distribution at keycloak.home=" + home + "; run through `mvn verify`");
        }
        return Path.of(home);
    }

    public static KeycloakServer start(Path home, int httpPort, int managementPort, List<String> extraArgs) throws IOException {
        Path logFile = home.resolve("keycloak-test.log");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakServer server = new KeycloakServer(builder.start(), httpPort, logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady(managementPort);
        return server;
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
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Path logFile() {
        return logFile;
    }

    private void awaitReady(int managementPort) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start; log: " + logFile);
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
        throw new IllegalStateException("Keycloak was not ready within " + START_LIMIT + "; log: " + logFile);
    }

    /** kc.sh forwards the signal, but a re-augmentation can leave a child java, so the descendants go first. */
    @Override
    public void close() {
        if (!process.isAlive()) {
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
