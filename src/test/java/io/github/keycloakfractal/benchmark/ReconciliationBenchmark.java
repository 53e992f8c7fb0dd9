package io.github.keycloakfractal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.TestApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a reconciliation of N linked users (default 1000 and 10000): wall time of the admin "run now" call, and
 * the Keycloak JVM's heap in use sampled every 100 ms through its metrics endpoint (peak during the run, and the
 * baseline before it). Not a test: run it by hand after {@code mvn -B verify} has unpacked Keycloak, with
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 *     -Dexec.mainClass=io.github.keycloakfractal.benchmark.ReconciliationBenchmark -Dexec.args="1000 10000"
 *     -Dkeycloak.home=target/keycloak-26.5.6</pre>
 * Each size runs twice: the first run changes every user (Fractal approved them all), the second finds nothing to do.
 */
public final class ReconciliationBenchmark {
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\".*} ([0-9.E+]+)$", Pattern.MULTILINE);

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "10000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        int management = KeycloakServer.freePort();
        try (FractalSandbox sandbox = FractalSandbox.start(0);
             KeycloakServer keycloak = KeycloakServer.start(KeycloakServer.home(), KeycloakServer.freePort(), management,
                     List.of("--metrics-enabled=true"))) {
            AdminApi admin = new AdminApi(keycloak);
            String metrics = "http://127.0.0.1:" + management + "/metrics";
            for (int size : sizes) {
                measure(size, sandbox, keycloak, admin, metrics);
            }
        }
        System.exit(0);
    }

    private static void measure(int size, FractalSandbox sandbox, KeycloakServer keycloak, AdminApi admin, String metrics) throws Exception {
        sandbox.resetUsers();
        String prefix = "bench-" + size + "-";
        sandbox.stats().addSyntheticUsers(size, prefix, "basic+liveness", "approved");
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .config("statsUrl", sandbox.statsUrl()).create("bench" + size);
        long importStart = System.nanoTime();
        for (int from = 0; from < size; from += 1000) {
            List<Map<String, Object>> users = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + 1000); i++) {
                users.add(Map.of("username", "user" + i, "enabled", true, "email", "user" + i + "@example.org",
                        "firstName", "Bench", "lastName", "User" + i,
                        "federatedIdentities", List.of(Map.of("identityProvider", FractalRealm.ALIAS, "userId", prefix + i, "userName", "user" + i))));
            }
            admin.post(realm.adminPath() + "/partialImport", Map.of("ifResourceExists", "SKIP", "users", users));
        }
        System.out.printf("%d users imported in %d s%n", size, Duration.ofNanos(System.nanoTime() - importStart).toSeconds());
        String manager = realm.createLocalUser("manager", "bench-password");
        realm.grantManageUsers(manager);
        TestApp app = new TestApp(realm);
        String token = app.passwordTokens("manager", "bench-password").accessToken();

        for (String run : List.of("first run (all change)", "second run (nothing to do)")) {
            System.gc();
            Thread.sleep(2000);
            long baseline = heap(metrics);
            AtomicLong peak = new AtomicLong(baseline);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(heap(metrics), Math::max);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception ignored) {
                        // a missed sample
                    }
                }
            });
            sampler.start();
            long start = System.nanoTime();
            HttpResponse<String> answer = app.postWithBearer(keycloak.baseUrl() + "/admin" + realm.adminPath() + "/fractal/reconcile", token, "");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            sampler.interrupt();
            sampler.join();
            JsonNode summary = AdminApi.JSON.readTree(answer.body()).path("runs").path(0);
            System.out.printf("N=%d %s: HTTP %d in %d ms, checked=%d changed=%d unknown=%d failed=%d, heap baseline %d MB, peak %d MB%n",
                    size, run, answer.statusCode(), millis, summary.path("checked").asInt(), summary.path("changed").asInt(),
                    summary.path("unknown").asInt(), summary.path("failed").asInt(), baseline >> 20, peak.get() >> 20);
            // a fresh token: a long run may outlive the access token
            token = app.passwordTokens("manager", "bench-password").accessToken();
        }
        admin.delete(realm.adminPath());
    }

    private static long heap(String metrics) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = HEAP.matcher(answer.body());
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
