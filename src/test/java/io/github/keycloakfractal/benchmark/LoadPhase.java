package io.github.keycloakfractal.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code callers} threads, each sending its next request as soon as the previous one was
 * answered, for a fixed time. Every request gets a sequence number (shared by all callers, so the request stream is
 * the same whatever the thread timing) and reports an outcome label (e.g. {@code 200 changed}); latencies are kept
 * whole, so the percentiles are exact, not estimated from buckets.
 */
final class LoadPhase {
    /** One request; returns the outcome label. Exceptions are counted as their class name. */
    interface Call {
        String send(long sequence) throws Exception;
    }

    /** What a phase measured. Latencies in nanoseconds, sorted. */
    record Result(String name, java.time.Instant started, int callers, Duration elapsed, long[] latencies, Map<String, Long> outcomes, String load) {
        long requests() {
            return latencies.length;
        }

        /** Requests answered 2xx. */
        long succeeded() {
            return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum();
        }

        /** Answered requests per second, all of them (a failure is counted in {@link #outcomes}). */
        double throughput() {
            return latencies.length / (elapsed.toNanos() / 1e9);
        }

        double percentileMillis(double percentile) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6;
        }

        String line() {
            return String.format("%-34s %8.1f req/s  p50 %7.1f ms  p99 %7.1f ms  (%d requests, %d callers, %.1f s from %s; %s; %s)",
                    name, throughput(), percentileMillis(50), percentileMillis(99), requests(), callers,
                    elapsed.toMillis() / 1000.0, started, outcomes, load);
        }
    }

    private LoadPhase() {
    }

    /** Runs {@code call} from {@code callers} threads until {@code duration} has passed; waits for requests under way. */
    static Result run(String name, int callers, Duration duration, AtomicLong sequence, Call call) throws InterruptedException {
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        long[][] perCaller = new long[callers][];
        int[] counts = new int[callers];
        Thread[] threads = new Thread[callers];
        java.time.Instant started = java.time.Instant.now();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            perCaller[i] = new long[1024];
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long seq = sequence.getAndIncrement();
                    long begin = System.nanoTime();
                    String outcome;
                    try {
                        outcome = call.send(seq);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    long took = System.nanoTime() - begin;
                    if (counts[caller] == perCaller[caller].length) {
                        perCaller[caller] = Arrays.copyOf(perCaller[caller], perCaller[caller].length * 2);
                    }
                    perCaller[caller][counts[caller]++] = took;
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            }, name + "-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < callers; i++) {
            System.arraycopy(perCaller[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((outcome, adder) -> counted.put(outcome, adder.sum()));
        return new Result(name, started, callers, elapsed, all, counted, BenchEnvironment.load());
    }
}
