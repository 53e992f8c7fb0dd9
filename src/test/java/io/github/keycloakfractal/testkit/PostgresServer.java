package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for the tests, without Docker: the binaries from Maven Central ({@link PostgresInstall}),
 * a fresh data folder made with {@code initdb} on every {@link #start}, a free port on 127.0.0.1, and a database and
 * login for Keycloak. {@link #stop()} and {@link #restart()} keep the data folder and the port, so a test can take
 * the database away from a running Keycloak and give it back. The server's own output goes to
 * {@code target/postgres/<name>.log}.
 *
 * <p>Durability settings are off ({@code fsync}, {@code synchronous_commit}, full-page writes): tests kill Keycloak,
 * never the machine, and a clean {@code pg_ctl stop} still writes everything out.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    public static final String PASSWORD = "keycloak-test-password";
    private static final String SETTINGS = """

            # keycloak-fractal tests
            listen_addresses = '127.0.0.1'
            port = %d
            unix_socket_directories = ''
            max_connections = 300
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """;

    private final PostgresInstall install;
    private final PostgresAccount account;
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private volatile boolean running;

    private PostgresServer(PostgresInstall install, PostgresAccount account, Path dataDirectory, Path logFile, int port) {
        this.install = install;
        this.account = account;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * A new server named {@code name} (its folders and log are named after it): any earlier server of that name is
     * stopped and its data deleted, then a new one is made and started.
     */
    public static PostgresServer start(String name) throws IOException {
        Path archive = PostgresInstall.archive();
        Path target = archive.getParent().getParent();
        PostgresAccount account = PostgresAccount.forCurrentUser();
        Path base = reachableBase(target.resolve("postgres"), account);
        PostgresInstall install = PostgresInstall.extractedInto(base.resolve(archive.getParent().getFileName()), archive);
        Path home = base.resolve(name);
        Path logFile = target.resolve("postgres").resolve(name + ".log");
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(logFile);

        PostgresServer server = new PostgresServer(install, account, home.resolve("data"), logFile, KeycloakServer.freePort());
        server.stopLeftover();
        Directories.deleteRecursively(home);
        Files.createDirectories(home);
        account.own(home);
        server.initialize();
        server.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        return running;
    }

    /** A clean shutdown ({@code pg_ctl stop -m fast}): open connections are cut, the data stays. */
    public synchronized void stop() throws IOException {
        if (running) {
            Commands.require(account.command(List.of(install.pgCtl(), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop")),
                    "stop PostgreSQL");
            running = false;
        }
    }

    /** Starts the server again after {@link #stop()}: same data, same port. */
    public synchronized void restart() throws IOException {
        stop();
        startServer();
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private void initialize() throws IOException {
        Commands.require(account.command(List.of(install.initdb(), "-D", dataDirectory.toString(), "-U", "postgres",
                "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")), "initialize PostgreSQL");
        Files.writeString(dataDirectory.resolve("postgresql.conf"), String.format(SETTINGS, port), StandardOpenOption.APPEND);
        // single-user mode: the login and database exist before the server listens, and no client program is needed
        Commands.require(account.command(List.of(install.postgres(), "--single", "-D", dataDirectory.toString(), "-F",
                        "-c", "exit_on_error=true", "postgres")),
                "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "';\nCREATE DATABASE " + DATABASE + " OWNER " + USER + ";\n",
                "create Keycloak's database");
    }

    /** pg_ctl's output, and so the server's, goes to the log file this JVM opened: no folder rights needed for it. */
    private void startServer() throws IOException {
        Process process = new ProcessBuilder(account.command(List.of(install.pgCtl(), "-D", dataDirectory.toString(),
                "-w", "-t", "60", "start")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL did not start; log: " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting PostgreSQL", e);
        }
        running = true;
    }

    /** A server a killed test run left behind would keep the folder busy. */
    private void stopLeftover() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            Commands.run(account.command(List.of(install.pgCtl(), "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop")));
        }
    }

    /**
     * {@code target/postgres}, unless the PostgreSQL account cannot get there (as root, a checkout under a private
     * home): then a folder under the system's temporary directory, one per checkout.
     */
    private static Path reachableBase(Path preferred, PostgresAccount account) throws IOException {
        Files.createDirectories(preferred);
        if (account.canEnter(preferred)) {
            return preferred;
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "keycloak-fractal-postgres",
                Integer.toHexString(preferred.toAbsolutePath().toString().hashCode()));
        Files.createDirectories(fallback);
        return fallback;
    }
}
