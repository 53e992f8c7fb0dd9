package io.github.keycloakfractal.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one Keycloak is started: which unpacked distribution, {@code start-dev} or production {@code start}, its
 * ports on 127.0.0.1, and the further server options (database, cache, vault, the extension's SPI options). A
 * {@link KeycloakServer} keeps it, so a killed or stopped node comes back exactly as it was.
 */
public record KeycloakLaunch(Path home, Mode mode, int httpPort, int managementPort, List<String> options) {

    /** {@code kc.sh start-dev} (H2 unless a database is given) or production {@code kc.sh start} over plain HTTP. */
    public enum Mode {
        DEVELOPMENT("start-dev"),
        PRODUCTION("start");

        private final String command;

        Mode(String command) {
            this.command = command;
        }
    }

    public KeycloakLaunch {
        options = List.copyOf(options);
    }

    public static KeycloakLaunch development(Path home, int httpPort, int managementPort, List<String> options) {
        return new KeycloakLaunch(home, Mode.DEVELOPMENT, httpPort, managementPort, options);
    }

    /**
     * Production mode as a cluster node runs it: HTTP allowed (tests have no TLS), health and metrics on the
     * management port. Hostname, database and cache come with {@code options}.
     */
    public static KeycloakLaunch production(Path home, int httpPort, int managementPort, List<String> options) {
        List<String> all = new ArrayList<>(List.of("--http-enabled=true", "--metrics-enabled=true"));
        all.addAll(options);
        return new KeycloakLaunch(home, Mode.PRODUCTION, httpPort, managementPort, all);
    }

    /** Where this server's output goes: {@code keycloak-test.log} in its distribution. */
    public Path logFile() {
        return home.resolve("keycloak-test.log");
    }

    List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), mode.command,
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true"));
        command.addAll(options);
        return command;
    }
}
