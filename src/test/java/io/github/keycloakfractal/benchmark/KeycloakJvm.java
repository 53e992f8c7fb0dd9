package io.github.keycloakfractal.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keycloak JVM a benchmark started, seen from outside: its heap in use through the metrics endpoint (what an
 * operator's monitoring sees), and flight recordings started and stopped with {@code jcmd} around the part of a run
 * that is to be profiled, so warm-up and setup stay out of the recording.
 */
final class KeycloakJvm {
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\".*} ([0-9.E+]+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String metricsUrl;

    KeycloakJvm(String metricsUrl) {
        this.metricsUrl = metricsUrl;
    }

    /** Bytes of heap in use now: the sum over the heap pools Keycloak's metrics report. */
    long heapUsed() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = HEAP.matcher(answer.body());
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    /** Samples the heap every 100 ms until stopped; {@link HeapWatch#peak()} is the largest sample. */
    HeapWatch watchHeap(long baseline) {
        return new HeapWatch(this, baseline);
    }

    /** A thread sampling the heap in use. */
    static final class HeapWatch implements AutoCloseable {
        private final AtomicLong peak;
        private final Thread sampler;

        private HeapWatch(KeycloakJvm jvm, long baseline) {
            peak = new AtomicLong(baseline);
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(jvm.heapUsed(), Math::max);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException missed) {
                        // one sample less
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
        }
    }

    /**
     * The pid of the Keycloak JVM this process started ({@code kc.sh} runs Quarkus' runner JAR), if exactly one
     * is running below this process.
     */
    static Optional<Long> pid() {
        List<ProcessHandle> jvms = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains("quarkus-run.jar")
                        || String.join(" ", args).contains("QuarkusEntryPoint")).orElse(false))
                .toList();
        return jvms.size() == 1 ? Optional.of(jvms.get(0).pid()) : Optional.empty();
    }

    /** A full garbage collection in Keycloak's JVM now, so a heap figure after it is what is really held. */
    static void collectGarbage() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    /** Starts a flight recording with the JDK's {@code profile} settings (Java samples every 10 ms, native every 20 ms). */
    static void startRecording(String name) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops the recording and throws its data away (what was needed was dumped). */
    static void discardRecording(String name) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + name);
    }

    /** Stops the recording and writes it to {@code file}. */
    static void stopRecording(String name, Path file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private static void jcmd(String... command) throws IOException, InterruptedException {
        long pid = pid().orElseThrow(() -> new IllegalStateException("no single Keycloak JVM found below this process"));
        List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        System.out.println("jcmd " + String.join(" ", command) + ": " + output.trim().replace('\n', ' '));
    }
}
