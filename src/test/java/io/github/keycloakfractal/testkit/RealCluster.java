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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit 5 extension for the cluster ITs: one PostgreSQL, a {@link KeycloakCluster} of two production nodes on it
 * and one Fractal sandbox for the whole run (root store, closed when the run ends), injected as
 * {@link KeycloakCluster}, {@link PostgresServer}, {@link FractalSandbox} and {@link OffsetClock} parameters.
 *
 * <p>After each test the cluster is whole again, whatever the test did to it: a stopped PostgreSQL is started, a
 * killed node restarted, and both nodes see each other before the next test begins. When a test fails, the tail of
 * each node's log is printed.
 */
public final class RealCluster implements BeforeAllCallback, AfterEachCallback, ParameterResolver, TestWatcher {
    /** How often the nodes sweep expired wallet roles. */
    public static final int WALLET_SWEEP_SECONDS = 6;
    /** How often each node looks for due scheduled reconciliations. */
    public static final int RECONCILE_TICK_SECONDS = 2;
    /** Logged at debug level by Keycloak's cluster-aware runner each time a node runs one of its scheduled tasks. */
    public static final String TASK_RUN = "Executed scheduled task ";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealCluster.class);

    private record Environment(PostgresServer postgres, KeycloakCluster cluster, FractalSandbox sandbox, OffsetClock clock)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sandbox.close();
            cluster.close();
            postgres.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    private static Environment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Environment.class, key -> {
            try {
                PostgresServer postgres = PostgresServer.start("cluster");
                List<String> options = List.of(
                        "--spi-realm-restapi-extension--fractal--wallet-sweep-seconds=" + WALLET_SWEEP_SECONDS,
                        "--spi-realm-restapi-extension--fractal--reconcile-tick-seconds=" + RECONCILE_TICK_SECONDS,
                        // each node's runs of scheduled tasks and the requests it served appear in its log, so a test
                        // sees that both nodes tick and which node a browser was sent to
                        "--log-level=INFO,org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner:debug",
                        // (test logs only: the access log shows query strings, e.g. an already used one-time token)
                        "--http-access-log-enabled=true");
                KeycloakCluster cluster;
                try {
                    cluster = KeycloakCluster.start(postgres, options);
                } catch (IOException | RuntimeException e) {
                    postgres.close();
                    throw e;
                }
                System.out.println("Cluster: node A " + cluster.a().baseUrl() + " (log " + cluster.a().logFile() + "), node B "
                        + cluster.b().baseUrl() + " (log " + cluster.b().logFile() + "), PostgreSQL log " + postgres.logFile());
                OffsetClock clock = new OffsetClock();
                return new Environment(postgres, cluster, FractalSandbox.start(0, clock), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the cluster", e);
            }
        }, Environment.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Environment environment = environment(context);
        environment.sandbox().resetUsers();
        environment.clock().reset();
        if (!environment.postgres().isRunning()) {
            environment.postgres().restart();
        }
        for (KeycloakServer node : environment.cluster().nodes()) {
            if (!node.isAlive()) {
                node.restart();
            }
        }
        environment.cluster().awaitView(2);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakCluster.class || type == FractalSandbox.class || type == PostgresServer.class || type == OffsetClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Environment environment = environment(extension);
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakCluster.class) {
            return environment.cluster();
        }
        if (type == PostgresServer.class) {
            return environment.postgres();
        }
        return type == FractalSandbox.class ? environment.sandbox() : environment.clock();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Environment environment = context.getRoot().getStore(NAMESPACE).get(Environment.class, Environment.class);
        if (environment == null) {
            return;
        }
        List<Path> logs = new ArrayList<>(environment.cluster().nodes().stream().map(KeycloakServer::logFile).toList());
        logs.add(environment.postgres().logFile());
        logs.forEach(log -> LogTail.print(log, 40));
    }
}
