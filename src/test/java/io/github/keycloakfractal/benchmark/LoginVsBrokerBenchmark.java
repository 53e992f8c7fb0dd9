package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.sandbox.SandboxUser;
import io.github.keycloakfractal.testkit.FractalRealm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A returning user's sign-in through the Fractal provider against the same sign-in through Keycloak's generic OAuth2
 * broker (provider type {@code oauth2}) configured against the same sandbox endpoints, scopes and client, in one
 * realm on one Keycloak. Not a test, nothing is asserted: run it by hand after {@code mvn -B -DskipTests verify} with
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=io.github.keycloakfractal.benchmark.LoginVsBrokerBenchmark
 *     -Dexec.args="40" -Dkeycloak.db=postgres -Dkeycloak.home=target/keycloak-26.5.6
 *     -Dpostgres.archive=target/postgres-16.15.0/postgres-linux-x86_64.txz</pre>
 * (argument: sign-ins per side, default 40; {@code -Dkeycloak.db=h2} for H2).
 *
 * <p>The flow is driven over HTTP ({@link BrowserlessLogin}), not in Chromium: the browser's own rendering and process
 * noise on two shared cores is larger than the difference being measured. One Keycloak user is linked to the sandbox's
 * {@code alice} through both providers, so both sign-ins find the same returning user. Both providers use FORCE sync
 * (the Fractal provider's default), so both update the user at each sign-in; the Fractal one also writes the profile
 * facts and merges the KYC state under the user's row lock, which is the extension's own work being measured. Sign-ins
 * alternate Fractal, generic, generic, Fractal, ... one at a time, after ten warm-up sign-ins per side; the figures
 * per side are the median and mean of the whole sign-in and of Keycloak's broker callback alone (the hop where the two
 * providers differ: code exchange, user info, user lookup and update, session), and the CPU time Keycloak's JVM spent
 * per sign-in ({@link ServerCpu}; the sandbox runs in the benchmark's own JVM, so it is not counted).
 */
public final class LoginVsBrokerBenchmark {
    private static final String GENERIC = "oauth2-sandbox";
    private static final int WARMUP = 10;

    private LoginVsBrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (BenchEnvironment environment = BenchEnvironment.start()) {
            run(environment, count);
        }
        System.exit(0);
    }

    private static void run(BenchEnvironment environment, int count) throws Exception {
        FractalRealm realm = FractalRealm.builder(environment.admin(), environment.keycloak(), environment.sandbox())
                .userInfoShape("v2").create("login");
        SandboxUser alice = environment.sandbox().user("alice");
        addGenericBroker(environment, realm);
        String userId = realm.createLinkedUser("alice-bench", alice.uid());
        environment.admin().post(realm.adminPath() + "/users/" + userId + "/federated-identity/" + GENERIC,
                Map.of("identityProvider", GENERIC, "userId", alice.uid(), "userName", "alice-bench"));
        BrowserlessLogin login = new BrowserlessLogin(realm, environment.sandbox().baseUrl(), "alice");
        for (int i = 0; i < WARMUP; i++) {
            login.signIn(FractalRealm.ALIAS);
            login.signIn(GENERIC);
        }
        System.out.printf("after warm-up the user holds %s%n", realm.realmRolesOfUser(userId, "fractal-"));
        List<BrowserlessLogin.Timing> fractal = new ArrayList<>();
        List<BrowserlessLogin.Timing> generic = new ArrayList<>();
        ServerCpu cpu = ServerCpu.find(environment.postgres() == null ? null : "/benchmark/data");
        double[] keycloakCpu = new double[2];
        for (int i = 0; i < 2 * count; i++) {
            // Fractal, generic, generic, Fractal, ...
            boolean isFractal = (i % 4 == 0) || (i % 4 == 3);
            ServerCpu.Sample before = cpu.sample();
            (isFractal ? fractal : generic).add(login.signIn(isFractal ? FractalRealm.ALIAS : GENERIC));
            keycloakCpu[isFractal ? 0 : 1] += cpu.sample().keycloak() - before.keycloak();
        }
        System.out.printf("%n== returning-user sign-in, %s, %d per side (%s) ==%n", environment.database(), count, BenchEnvironment.load());
        report("Fractal provider", fractal);
        report("generic OAuth2 broker", generic);
        System.out.printf("ratio Fractal/generic: whole sign-in median %.2f, mean %.2f; broker callback median %.2f, mean %.2f%n",
                median(fractal, true) / median(generic, true), mean(fractal, true) / mean(generic, true),
                median(fractal, false) / median(generic, false), mean(fractal, false) / mean(generic, false));
        System.out.printf("Keycloak CPU per sign-in: Fractal %.1f ms, generic %.1f ms (ratio %.2f; %s)%n", 1000 * keycloakCpu[0] / count,
                1000 * keycloakCpu[1] / count, keycloakCpu[0] / keycloakCpu[1], cpu.describe());
        environment.admin().delete(realm.adminPath());
    }

    /** Keycloak's generic OAuth2 provider, configured as an admin would for the same sandbox: same client, URLs, scopes. */
    private static void addGenericBroker(BenchEnvironment environment, FractalRealm realm) {
        Map<String, String> fractal = new HashMap<>();
        realm.identityProvider().path("config").fields().forEachRemaining(e -> fractal.put(e.getKey(), e.getValue().asText()));
        Map<String, String> config = new HashMap<>();
        for (String key : List.of("clientId", "clientSecret", "authorizationUrl", "tokenUrl", "userInfoUrl", "defaultScope", "clientAuthMethod")) {
            if (fractal.get(key) != null) {
                config.put(key, fractal.get(key));
            }
        }
        config.put("clientSecret", FractalRealm.SANDBOX_CLIENT_SECRET);
        config.put("userIDClaim", "uid");
        config.put("syncMode", "FORCE");
        environment.admin().post(realm.adminPath() + "/identity-provider/instances", Map.of("alias", GENERIC, "providerId", "oauth2",
                "enabled", true, "trustEmail", true, "config", config));
    }

    private static void report(String side, List<BrowserlessLogin.Timing> timings) {
        System.out.printf("%-24s whole sign-in: median %6.1f ms, mean %6.1f ms | broker callback: median %6.1f ms, mean %6.1f ms (n=%d)%n",
                side, median(timings, true), mean(timings, true), median(timings, false), mean(timings, false), timings.size());
    }

    private static double median(List<BrowserlessLogin.Timing> timings, boolean whole) {
        long[] sorted = timings.stream().mapToLong(t -> whole ? t.total() : t.callback()).sorted().toArray();
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2e6;
    }

    private static double mean(List<BrowserlessLogin.Timing> timings, boolean whole) {
        return Arrays.stream(timings.stream().mapToLong(t -> whole ? t.total() : t.callback()).toArray()).average().orElse(Double.NaN) / 1e6;
    }
}
