package io.github.keycloakfractal.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a flight recording went, in the terms of a Fractal request: for the Java samples of Keycloak's
 * request threads ({@code executor-thread-*}), the share of samples whose stack passes through each part of the path
 * (inclusive, so shares overlap: a row lock's SQL is both "row lock" and "JDBC driver"), then the hottest methods
 * (self time). The same for native samples (a thread in a socket read: mostly waiting for the database). Run on a
 * recording {@link WebhookVsAdminBenchmark} or {@link ReconciliationBenchmark} wrote:
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=io.github.keycloakfractal.benchmark.JfrHotspots
 *     -Dexec.args="target/jfr/webhook-postgres-1000.jfr [thread-name-prefix]"</pre>
 */
public final class JfrHotspots {
    private static final int TOP = 25;

    /** The parts of a request's path, each recognized by a frame of its stack (class or method name contains one of the markers). */
    private static final Map<String, List<String>> PARTS = parts();

    private JfrHotspots() {
    }

    private static Map<String, List<String>> parts() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("extension code (io.github.keycloakfractal)", List.of("io.github.keycloakfractal."));
        parts.put("  webhook gate: signature (HMAC), vault, parse", List.of("WebhookOpening.gate"));
        parts.put("    vault reads", List.of("VaultSecrets.resolve"));
        parts.put("    HMAC", List.of("WebhookSignature.", "javax.crypto.Mac."));
        parts.put("  user found through the Fractal link", List.of("FractalProviders.linkedUser"));
        parts.put("  KYC transaction (committed before the answer)", List.of("KycTransaction.run"));
        parts.put("    row lock + fresh read (UserLock)", List.of("UserLock.lock"));
        parts.put("    ledger decode/merge/derive (core)", List.of("io.github.keycloakfractal.fractal.kyc."));
        parts.put("    attribute writes", List.of("KycApplier.write", "KycApplier.set("));
        parts.put("    role sync (lookups, grants, removals)", List.of("KycApplier.syncRoles", "KycApplier.setRole"));
        parts.put("    event (KycAudit)", List.of("KycAudit."));
        parts.put("    metrics", List.of("FractalMetrics."));
        parts.put("reconciliation (per chunk)", List.of("Reconciliation.inTransaction"));
        parts.put("  statistics fetch + parse", List.of("StatsApi.", "UserVerifications."));
        parts.put("Keycloak admin: token check and permissions", List.of("AdminRoot.authenticateRealmAdminRequest", "AdminPermissions",
                "org.keycloak.services.resources.admin.fgap", "org.keycloak.services.resources.admin.permissions"));
        parts.put("Keycloak admin: UserResource.updateUser", List.of("UserResource.updateUser"));
        parts.put("  user profile validation/update", List.of("org.keycloak.userprofile."));
        parts.put("  admin event", List.of("AdminEventBuilder"));
        parts.put("token signature verification", List.of("TokenVerifier.verify", "AsymmetricSignatureVerifierContext"));
        parts.put("transaction commit (any)", List.of("JtaTransactionWrapper.commit", "DefaultKeycloakTransactionManager.commit",
                "TransactionImple.commit", "JpaKeycloakTransaction.commit"));
        parts.put("Hibernate flush (dirty check + SQL)", List.of("org.hibernate.event.internal.DefaultFlushEventListener",
                "org.hibernate.event.internal.DefaultAutoFlushEventListener"));
        parts.put("Hibernate (all)", List.of("org.hibernate."));
        parts.put("JDBC driver", List.of("org.postgresql.", "org.h2."));
        parts.put("connection pool (Agroal)", List.of("io.agroal."));
        parts.put("Infinispan caches", List.of("org.infinispan."));
        parts.put("Keycloak user cache (UserCacheSession)", List.of("UserCacheSession."));
        parts.put("Keycloak events store (JpaEventStoreProvider)", List.of("JpaEventStoreProvider"));
        parts.put("Jackson JSON", List.of("com.fasterxml.jackson."));
        parts.put("HTTP server (Vert.x, Netty, RESTEasy)", List.of("io.vertx.", "io.netty.", "org.jboss.resteasy."));
        parts.put("logging", List.of("org.jboss.logging.", "org.jboss.logmanager."));
        return parts;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String threads = args.length > 1 ? args[1] : "executor-thread";
        report(file, "jdk.ExecutionSample", "Java samples (on CPU)", threads);
        report(file, "jdk.NativeMethodSample", "native samples (waiting in native code: sockets, mostly the database)", threads);
    }

    private static void report(Path file, String eventType, String title, String threads) throws IOException {
        Map<String, Integer> parts = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> parts.put(part, 0));
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> extensionEntry = new HashMap<>();
        int samples = 0;
        int all = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals(eventType)) {
                continue;
            }
            all++;
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            RecordedStackTrace stack = event.getStackTrace();
            if (thread == null || !thread.startsWith(threads) || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<String> frames = stack.getFrames().stream().map(JfrHotspots::name).toList();
            self.merge(frames.get(0), 1, Integer::sum);
            for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
                if (frames.stream().anyMatch(frame -> part.getValue().stream().anyMatch(frame::contains))) {
                    parts.merge(part.getKey(), 1, Integer::sum);
                }
            }
            innermostExtensionFrame(frames).ifPresent(frame -> extensionEntry.merge(frame, 1, Integer::sum));
        }
        System.out.printf("%n%s: %d samples on threads '%s*' (%d in all threads)%n", title, samples, threads, all);
        int total = Math.max(1, samples);
        parts.forEach((part, count) -> System.out.printf("  %5.1f%%  %s%n", 100.0 * count / total, part));
        System.out.println(" hottest methods (self):");
        top(self, total);
        System.out.println(" innermost extension frame of the samples under extension code:");
        top(extensionEntry, total);
    }

    private static java.util.Optional<String> innermostExtensionFrame(List<String> frames) {
        return frames.stream().filter(frame -> frame.startsWith("io.github.keycloakfractal.")).findFirst();
    }

    private static void top(Map<String, Integer> counts, int total) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(entry -> System.out.printf("  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + "(" + frame.getLineNumber() + ")";
    }
}
