package io.github.keycloakfractal.testkit;

import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.OffsetClock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.util.List;

/**
 * JUnit 5 extension: one real Keycloak and one Fractal sandbox for the whole test run (kept in the root store, closed
 * when the run ends), injected as {@link KeycloakServer}, {@link FractalSandbox} and {@link AdminApi} parameters.
 * Keycloak runs on the database {@link KeycloakDatabase#fromSystemProperty()} names: its own PostgreSQL, or H2.
 * When a test fails, the tail of Keycloak's log is printed with its path, so the cause is one scroll away. After
 * each test the sandbox's seeded users are put back, so a test that changed one at Fractal cannot leak into the next.
 */
public final class RealKeycloak implements BeforeAllCallback, AfterEachCallback, ParameterResolver, TestWatcher {
    /** How often the test server sweeps expired wallet roles. */
    public static final int WALLET_SWEEP_SECONDS = 10;
    /** How often the test server looks for due scheduled reconciliations. */
    public static final int RECONCILE_TICK_SECONDS = 2;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKeycloak.class);

    /** {@code postgres} is null on H2. */
    private record Environment(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin, OffsetClock sandboxClock,
                               PostgresServer postgres) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sandbox.close();
            keycloak.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    private static Environment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Environment.class, key -> {
            try {
                KeycloakDatabase database = KeycloakDatabase.fromSystemProperty();
                PostgresServer postgres = database.startServer();
                List<String> options = new java.util.ArrayList<>(database.options(postgres));
                options.addAll(KeycloakServer.fileVault());
                // the management port's /metrics, with the extension's meters beside Keycloak's own
                options.add("--metrics-enabled=true");
                // the wallet-expiry sweep every few seconds instead of every five minutes, so a test can watch it work (and
                // rarely enough that the token-time check usually gets to an expired wallet first)
                options.add("--spi-realm-restapi-extension--fractal--wallet-sweep-seconds=" + WALLET_SWEEP_SECONDS);
                // scheduled reconciliation looks for due providers every few seconds instead of every minute
                options.add("--spi-realm-restapi-extension--fractal--reconcile-tick-seconds=" + RECONCILE_TICK_SECONDS);
                KeycloakServer keycloak = KeycloakServer.start(database.home(), KeycloakServer.freePort(),
                        KeycloakServer.freePort(), options);
                System.out.println(KeycloakServer.home().getFileName() + " on " + database + " " + keycloak.baseUrl() + " log: " + keycloak.logFile()
                        + (postgres == null ? "" : ", PostgreSQL log: " + postgres.logFile()));
                OffsetClock clock = new OffsetClock();
                return new Environment(keycloak, FractalSandbox.start(0, clock), new AdminApi(keycloak), clock, postgres);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test environment", e);
            }
        }, Environment.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        environment(context).sandbox().resetUsers();
        environment(context).sandboxClock().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == FractalSandbox.class || type == AdminApi.class || type == OffsetClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Environment environment = environment(extension);
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakServer.class) {
            return environment.keycloak();
        }
        if (type == FractalSandbox.class) {
            return environment.sandbox();
        }
        return type == OffsetClock.class ? environment.sandboxClock() : environment.admin();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Environment environment = context.getRoot().getStore(NAMESPACE).get(Environment.class, Environment.class);
        if (environment == null) {
            return;
        }
        LogTail.print(environment.keycloak().logFile(), 60);
    }
}
