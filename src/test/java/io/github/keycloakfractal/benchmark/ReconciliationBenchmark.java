package io.github.keycloakfractal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakDatabase;
import io.github.keycloakfractal.testkit.TestApp;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures a reconciliation of N linked users against Fractal's statistics answer of N rows (one per user, streamed
 * from the socket into the parser): wall time of the admin "run now" call, milliseconds per user, and the Keycloak JVM's
 * heap. Not a test: run it by hand after {@code mvn -B -DskipTests verify} has packaged the JAR and unpacked Keycloak
 * and PostgreSQL, with
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=io.github.keycloakfractal.benchmark.ReconciliationBenchmark
 *     -Dexec.args="1000 100000" -Dkeycloak.db=postgres -Dkeycloak.home=target/keycloak-26.5.6
 *     -Dpostgres.archive=target/postgres-16.15.0/postgres-linux-x86_64.txz</pre>
 * ({@code -Dkeycloak.db=h2} for H2; arguments: the sizes, each a realm of its own.) Each size runs twice: the first run
 * changes every user (Fractal approved them all at basic+liveness; they had no KYC state), the second finds nothing
 * to do. Users are created by the admin partial import, or on PostgreSQL above 5000 users by SQL straight into
 * Keycloak's tables ({@link LinkedUsers} says why).
 *
 * <p>Heap: Keycloak's {@code jvm_memory_used_bytes} (heap pools, through the metrics endpoint) sampled every 100 ms.
 * The baseline is taken after a full collection ({@code jcmd GC.run}) before the run; the peak is the largest sample
 * during it (uncollected garbage included, so it is an upper bound); "retained" is the heap after another full collection
 * once the run is over. {@code -Dbench.jfr=<folder>} records both runs with JFR (read with {@link JfrHotspots}, thread
 * prefix {@code executor-thread}: the admin call runs the reconciliation on the request's thread).
 */
public final class ReconciliationBenchmark {
    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "10000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        try (BenchEnvironment environment = BenchEnvironment.start()) {
            for (int size : sizes) {
                measure(size, environment);
            }
        }
        System.exit(0);
    }

    private static void measure(int size, BenchEnvironment environment) throws Exception {
        AdminApi admin = environment.admin();
        environment.sandbox().resetUsers();
        environment.sandbox().stats().reset();
        String prefix = "bench-" + size + "-";
        environment.sandbox().stats().addSyntheticUsers(size, prefix, "basic+liveness", "approved");
        FractalRealm realm = FractalRealm.builder(admin, environment.keycloak(), environment.sandbox()).userInfoShape("v2")
                .config("statsUrl", environment.sandbox().statsUrl()).create("bench" + size);
        boolean sql = environment.database() == KeycloakDatabase.POSTGRES && size > 5000;
        long importStart = System.nanoTime();
        if (sql) {
            LinkedUsers.insertIntoPostgres(admin, environment.postgres(), realm.name(), size, prefix, LinkedUsers.Seed.NONE);
        } else {
            LinkedUsers.importThroughAdminApi(admin, realm.name(), size, prefix, LinkedUsers.Seed.NONE);
        }
        System.out.printf("%n== %s: %d linked users created in %d s (%s) ==%n", environment.database(), size,
                Duration.ofNanos(System.nanoTime() - importStart).toSeconds(), sql ? "SQL into PostgreSQL" : "admin partial import");
        String manager = realm.createLocalUser("manager", "bench-password");
        realm.grantManageUsers(manager);
        TestApp app = new TestApp(realm);
        KeycloakJvm jvm = new KeycloakJvm(environment.metricsUrl());
        String jfr = System.getProperty("bench.jfr");
        ServerCpu cpu = ServerCpu.find(environment.postgres() == null ? null : "/benchmark/data");

        for (String run : List.of("all changed", "idle")) {
            // a fresh token: a long run may outlive the access token
            String token = app.passwordTokens("manager", "bench-password").accessToken();
            KeycloakJvm.collectGarbage();
            Thread.sleep(1000);
            long baseline = jvm.heapUsed();
            String recording = "reconcile-" + run.replace(' ', '-');
            if (jfr != null) {
                KeycloakJvm.startRecording(recording);
            }
            String load = BenchEnvironment.load();
            ServerCpu.Sample cpuBefore = cpu.sample();
            HttpResponse<String> answer;
            long millis;
            long peak;
            try (KeycloakJvm.HeapWatch watch = jvm.watchHeap(baseline)) {
                long start = System.nanoTime();
                answer = app.postWithBearer(environment.keycloak().baseUrl() + "/admin" + realm.adminPath() + "/fractal/reconcile", token, "");
                millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                peak = watch.peak();
            }
            String cpuPerUser = cpu.sample().perRequest(cpuBefore, size).replace("per request", "per user");
            if (jfr != null) {
                Path folder = Files.createDirectories(Path.of(jfr));
                KeycloakJvm.stopRecording(recording, folder.resolve(recording + "-" + environment.database().name().toLowerCase(Locale.ROOT)
                        + "-" + size + ".jfr"));
            }
            KeycloakJvm.collectGarbage();
            Thread.sleep(1000);
            long retained = jvm.heapUsed();
            JsonNode summary = AdminApi.JSON.readTree(answer.body()).path("runs").path(0);
            System.out.printf("N=%d %s: HTTP %d in %d ms = %.3f ms/user; checked=%d changed=%d unknown=%d failed=%d; "
                            + "heap baseline %d MB, peak %d MB (+%d MB), retained after GC %d MB (+%d MB); %s; %s at start, %s at end%n",
                    size, run, answer.statusCode(), millis, (double) millis / size, summary.path("checked").asInt(),
                    summary.path("changed").asInt(), summary.path("unknown").asInt(), summary.path("failed").asInt(),
                    baseline >> 20, peak >> 20, (peak - baseline) >> 20, retained >> 20, (retained - baseline) >> 20,
                    cpuPerUser, load, BenchEnvironment.load());
        }
        admin.delete(realm.adminPath());
    }
}
