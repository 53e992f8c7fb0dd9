package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed legacy webhook that changes a user's KYC state against Keycloak's own admin update of the same user, on one
 * Keycloak, at the same concurrency. Not a test, nothing is asserted: run it by hand after {@code mvn -B verify} (or
 * {@code mvn -B -DskipTests verify}) has packaged the JAR and unpacked Keycloak and PostgreSQL:
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=io.github.keycloakfractal.benchmark.WebhookVsAdminBenchmark
 *     -Dexec.args="1000 100000" -Dkeycloak.db=postgres -Dkeycloak.home=target/keycloak-26.5.6
 *     -Dpostgres.archive=target/postgres-16.15.0/postgres-linux-x86_64.txz</pre>
 * ({@code -Dkeycloak.db=h2} for H2; arguments: realm sizes, each a realm of its own with that many linked users.)
 * Options: {@code -Dbench.seconds=30} per phase, {@code -Dbench.warmup=60} seconds per side (the webhook path takes
 * long to compile on a busy machine), {@code -Dbench.rounds=2},
 * {@code -Dbench.callers=16}, {@code -Dbench.events=true} (the realm's user events, which store the webhook's KYC
 * event), {@code -Dbench.jfr=<folder>} runs JFR from the warm-up on and records the last round of each side into
 * {@code <folder>/webhook-<db>-<N>.jfr} and {@code admin-<db>-<N>.jfr} (the rounds then run under JFR, a few per cent
 * slower on both sides: take the figures from a run without it); {@link JfrHotspots} reads them. Start the benchmark with
 * {@code JAVA_OPTS_APPEND=-XX:FlightRecorderOptions=stackdepth=512} in its environment, which Keycloak's kc.sh passes to
 * its JVM, or Keycloak's deep stacks are cut at JFR's default 64 frames).
 *
 * <p>Webhook side: {@code callers} threads POST {@code verification_approved} / {@code verification_rejected} for level
 * {@code basic}, signed {@code sha1=} HMAC, to {@code /realms/{realm}/fractal/webhook}. Users are taken round-robin, and
 * each user's deliveries alternate approved and rejected with a timestamp one second later each time, so every delivery
 * changes the user (status role, level role, four attributes, an event); the outcome counts show that
 * ({@code 200 changed}). Admin side: the same threads PUT {@code /admin/realms/{realm}/users/{id}} in the same order,
 * with the master realm admin's bearer token, the whole representation as the admin console saves it, changing one
 * user-profile attribute ({@code fractal_kyc_note}; the others go back unchanged) of users of a second realm seeded
 * exactly like the webhook's, so the webhooks never change what the admin side sends back. {@code -Dbench.admin=firstName}
 * instead changes the first name of the webhook realm's own users and sends no attributes (Keycloak keeps them, and
 * writes one column). Both sides use one HTTP/1.1
 * client, so each caller holds one keep-alive connection. Each size runs a warm-up of each side, then
 * {@code rounds} rounds in the order W A, A W, ... (so a drift of the machine shows in both), and prints every phase,
 * the aggregate per side and the ratios. Beside each phase's throughput and latency it prints the CPU time Keycloak's
 * JVM and PostgreSQL spent per request ({@link ServerCpu}): on a machine shared with other builds that is the steadier
 * figure.
 */
public final class WebhookVsAdminBenchmark {
    private static final String SECRET = "bench-webhook-secret";
    private static final Pattern RESULT = Pattern.compile("\"(?:result|error)\"\\s*:\\s*\"([a-z_]+)\"");

    private final BenchEnvironment environment;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final int callers = Integer.getInteger("bench.callers", 16);
    private final Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    private final Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup", 60));
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final String jfr = System.getProperty("bench.jfr");
    /** What the admin side changes: one user-profile attribute (the comparison, default) or the first name. */
    private final boolean adminChangesAttribute = !"firstName".equals(System.getProperty("bench.admin", "attribute"));
    private final ServerCpu cpu;

    private WebhookVsAdminBenchmark(BenchEnvironment environment) {
        this.environment = environment;
        this.cpu = ServerCpu.find(environment.postgres() == null ? null : "/benchmark/data");
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        try (BenchEnvironment environment = BenchEnvironment.start()) {
            WebhookVsAdminBenchmark benchmark = new WebhookVsAdminBenchmark(environment);
            for (int size : sizes) {
                benchmark.measure(size);
            }
        }
        System.exit(0);
    }

    /**
     * One realm's users and the per-user delivery counters of the webhook side; the admin side's realm and users (the
     * same realm when it changes first names; in attribute mode a second realm seeded the same way, so the webhooks
     * never change what the admin side sends back unchanged).
     */
    private record Target(FractalRealm realm, LinkedUsers users, AtomicIntegerArray deliveries, Instant base,
                          FractalRealm adminRealm, LinkedUsers adminUsers, Map<String, List<String>> seeded) {
    }

    private void measure(int size) throws Exception {
        FractalRealm realm = realm("wh" + size);
        FractalRealm adminRealm = adminChangesAttribute ? realm("adm" + size) : realm;
        Instant base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        boolean sql = environment.database() == KeycloakDatabase.POSTGRES && size > 5000;
        LinkedUsers users = seed(realm, size, "wh-" + size + "-", rejected(base));
        System.out.printf("%n== %s, realm %s: %d linked users created in %.1f s (%s), each rejected at basic ==%n", environment.database(),
                realm.name(), size, (System.nanoTime() - start) / 1e9, sql ? "SQL into PostgreSQL" : "admin partial import");
        LinkedUsers adminUsers = adminRealm == realm ? users : seed(adminRealm, size, "adm-" + size + "-", rejected(base));
        Target target = new Target(realm, users, new AtomicIntegerArray(size), base, adminRealm, adminUsers, rejected(base).attributes());
        AdminToken token = new AdminToken(environment.keycloak(), http);
        AtomicLong webhookSequence = new AtomicLong();
        AtomicLong adminSequence = new AtomicLong();
        LoadPhase.Call webhook = seq -> webhook(target, seq);
        LoadPhase.Call adminUpdate = seq -> adminUpdate(target, token, seq);

        System.out.println(cpu.describe());
        if (jfr != null) {
            // a recording from the warm-up on, so JFR's own start-up (class retransformation, recompilation) is over
            // before the rounds; the last round of each side is recorded into a file of its own
            KeycloakJvm.startRecording("prime");
        }
        phase("warm-up webhook", warmup, webhookSequence, webhook, new CpuTotal());
        phase("warm-up admin PUT", warmup, adminSequence, adminUpdate, new CpuTotal());
        List<LoadPhase.Result> webhooks = new ArrayList<>();
        List<LoadPhase.Result> updates = new ArrayList<>();
        CpuTotal webhookCpu = new CpuTotal();
        CpuTotal adminCpu = new CpuTotal();
        for (int round = 1; round <= rounds; round++) {
            boolean webhookFirst = round % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean isWebhook = (side == 0) == webhookFirst;
                String recording = jfr != null && round == rounds ? (isWebhook ? "webhook" : "admin") : null;
                if (recording != null) {
                    KeycloakJvm.startRecording(recording);
                }
                if (isWebhook) {
                    webhooks.add(phase("round " + round + " webhook", phase, webhookSequence, webhook, webhookCpu));
                } else {
                    updates.add(phase("round " + round + " admin PUT", phase, adminSequence, adminUpdate, adminCpu));
                }
                if (recording != null) {
                    KeycloakJvm.stopRecording(recording, Files.createDirectories(Path.of(jfr)).resolve(recording + "-"
                            + environment.database().name().toLowerCase(java.util.Locale.ROOT) + "-" + size + ".jfr"));
                }
            }
        }
        summary(size, webhooks, updates);
        System.out.printf("CPU per request over all rounds: webhook Keycloak %.2f ms + PostgreSQL %.2f ms; admin PUT Keycloak %.2f ms + PostgreSQL %.2f ms; "
                        + "Keycloak CPU ratio webhook/admin %.2f%n", webhookCpu.keycloakMillis(), webhookCpu.postgresMillis(),
                adminCpu.keycloakMillis(), adminCpu.postgresMillis(), webhookCpu.keycloakMillis() / adminCpu.keycloakMillis());
        if (jfr != null) {
            KeycloakJvm.discardRecording("prime");
        }
        environment.admin().delete(realm.adminPath());
        if (adminRealm != realm) {
            environment.admin().delete(adminRealm.adminPath());
        }
    }

    private FractalRealm realm(String prefix) {
        FractalRealm realm = FractalRealm.builder(environment.admin(), environment.keycloak(), environment.sandbox())
                .userInfoShape("v2").webhookSecret(SECRET).create(prefix);
        if (!Boolean.parseBoolean(System.getProperty("bench.events", "true"))) {
            environment.admin().put(realm.adminPath(), Map.of("eventsEnabled", false));
        }
        return realm;
    }

    private LinkedUsers seed(FractalRealm realm, int size, String uidPrefix, LinkedUsers.Seed seed) throws Exception {
        return environment.database() == KeycloakDatabase.POSTGRES && size > 5000
                ? LinkedUsers.insertIntoPostgres(environment.admin(), environment.postgres(), realm.name(), size, uidPrefix, seed)
                : LinkedUsers.importThroughAdminApi(environment.admin(), realm.name(), size, uidPrefix, seed);
    }

    /**
     * Each user's state before the rounds: rejected at basic, as a webhook at {@code base} leaves it (the same
     * attributes and status role), so every delivery of the rounds, the first one to a user included, changes a user
     * who has a state: rejected to approved and back.
     */
    private static LinkedUsers.Seed rejected(Instant base) {
        KycLedger ledger = KycLedger.empty().merge(KycObservation.of(KycLevel.parse("basic"), KycStatus.REJECTED, base, KycSource.WEBHOOK),
                Instant.now()).ledger();
        return new LinkedUsers.Seed(Map.of("fractal_kyc_decisions", ledger.encode(), "fractal_kyc_status", List.of("rejected"),
                "fractal_kyc_updated_at", List.of(base.toString())), List.of("fractal-kyc-rejected"));
    }

    /** CPU seconds the servers spent over some phases, and the requests answered in them. */
    private static final class CpuTotal {
        double keycloak;
        double postgres;
        long requests;

        double keycloakMillis() {
            return 1000 * keycloak / Math.max(1, requests);
        }

        double postgresMillis() {
            return 1000 * postgres / Math.max(1, requests);
        }
    }

    private LoadPhase.Result phase(String name, Duration duration, AtomicLong sequence, LoadPhase.Call call, CpuTotal total)
            throws InterruptedException {
        ServerCpu.Sample before = cpu.sample();
        LoadPhase.Result result = LoadPhase.run(name, callers, duration, sequence, call);
        ServerCpu.Sample after = cpu.sample();
        total.keycloak += after.keycloak() - before.keycloak();
        total.postgres += after.postgres() - before.postgres();
        total.requests += result.requests();
        System.out.println(result.line() + "; " + after.perRequest(before, result.requests()));
        return result;
    }

    private static void summary(int size, List<LoadPhase.Result> webhooks, List<LoadPhase.Result> updates) {
        LoadPhase.Result webhook = pooled("webhook (all rounds)", webhooks);
        LoadPhase.Result admin = pooled("admin PUT (all rounds)", updates);
        System.out.printf("-- N=%d, %d callers --%n%s%n%s%n", size, webhook.callers(), webhook.line(), admin.line());
        System.out.printf("throughput ratio webhook/admin: %.2f (per round: %s); p50 ratio %.2f, p99 ratio %.2f%n",
                webhook.throughput() / admin.throughput(), perRound(webhooks, updates),
                webhook.percentileMillis(50) / admin.percentileMillis(50), webhook.percentileMillis(99) / admin.percentileMillis(99));
    }

    private static String perRound(List<LoadPhase.Result> webhooks, List<LoadPhase.Result> updates) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            ratios.add(String.format("%.2f", webhooks.get(i).throughput() / updates.get(i).throughput()));
        }
        return String.join(", ", ratios);
    }

    /** All rounds of one side as one: every latency, the summed time. */
    private static LoadPhase.Result pooled(String name, List<LoadPhase.Result> results) {
        long[] all = results.stream().flatMapToLong(r -> java.util.Arrays.stream(r.latencies())).sorted().toArray();
        Duration elapsed = results.stream().map(LoadPhase.Result::elapsed).reduce(Duration.ZERO, Duration::plus);
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        results.forEach(r -> r.outcomes().forEach((k, v) -> outcomes.merge(k, v, Long::sum)));
        return new LoadPhase.Result(name, results.get(0).started(), results.get(0).callers(), elapsed, all, outcomes, BenchEnvironment.load());
    }

    private String webhook(Target target, long seq) throws Exception {
        int index = (int) (seq % target.users().size());
        int delivery = target.deliveries().incrementAndGet(index);
        String type = delivery % 2 == 1 ? "verification_approved" : "verification_rejected";
        byte[] body = WebhookSender.legacy(type, target.users().get(index).uid(), "basic", target.base().plusSeconds(delivery));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.realm().webhookUrl()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Fractal-Signature", WebhookSender.legacySignature(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher result = RESULT.matcher(answer.body());
        return answer.statusCode() + (result.find() ? " " + result.group(1) : "");
    }

    /**
     * As the admin console saves a user: the whole representation. In attribute mode every seeded attribute goes back
     * unchanged and {@code fractal_kyc_note} (a declared, admin-editable attribute) gets a new value; otherwise no
     * attributes are sent (Keycloak keeps them) and the first name changes.
     */
    private String adminUpdate(Target target, AdminToken token, long seq) throws Exception {
        LinkedUsers.User user = target.adminUsers().get((int) (seq % target.adminUsers().size()));
        Map<String, Object> representation = new HashMap<>(Map.of("username", user.username(), "email", user.username() + "@example.org",
                "enabled", true, "firstName", adminChangesAttribute ? "Bench" : "Bench " + seq, "lastName", user.username()));
        if (adminChangesAttribute) {
            Map<String, List<String>> attributes = new HashMap<>(target.seeded());
            attributes.put("fractal_kyc_note", List.of("Bench " + seq));
            representation.put("attributes", attributes);
        }
        String body = AdminApi.JSON.writeValueAsString(representation);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(environment.keycloak().baseUrl() + "/admin/realms/"
                        + target.adminRealm().name() + "/users/" + user.id()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", token.bearer())
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return Integer.toString(answer.statusCode());
    }
}
