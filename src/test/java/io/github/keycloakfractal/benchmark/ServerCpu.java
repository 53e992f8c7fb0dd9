package io.github.keycloakfractal.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time the servers spent, read from {@code /proc/<pid>/stat}: Keycloak's JVM, and the benchmark's PostgreSQL
 * (its postmaster, found by its data folder, with every backend below it). On a machine shared with other builds the
 * throughput of a phase moves with their load; the CPU time each request cost the servers moves much less, so it is
 * reported beside it as the steadier comparison.
 */
final class ServerCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private final Optional<Long> keycloak;
    private final Optional<Long> postmaster;

    private ServerCpu(Optional<Long> keycloak, Optional<Long> postmaster) {
        this.keycloak = keycloak;
        this.postmaster = postmaster;
    }

    /** {@code postgresDataMarker}: a part of the PostgreSQL data folder's path (null on H2). */
    static ServerCpu find(String postgresDataMarker) {
        Optional<Long> postmaster = Optional.empty();
        if (postgresDataMarker != null) {
            postmaster = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.contains("bin/postgres") && line.contains(postgresDataMarker)).orElse(false))
                    .map(ProcessHandle::pid).findFirst();
        }
        return new ServerCpu(KeycloakJvm.pid(), postmaster);
    }

    /** CPU seconds so far: Keycloak, PostgreSQL (0 when not found). */
    Sample sample() {
        double kc = keycloak.map(pid -> ticks(pid, false)).orElse(0L) / TICKS_PER_SECOND;
        double pg = postmaster.map(pid -> ticks(pid, true) + ProcessHandle.of(pid).map(p -> p.descendants()
                .mapToLong(child -> ticks(child.pid(), false)).sum()).orElse(0L)).orElse(0L) / TICKS_PER_SECOND;
        return new Sample(kc, pg);
    }

    String describe() {
        return "Keycloak pid " + keycloak.map(String::valueOf).orElse("not found") + ", PostgreSQL postmaster pid "
                + postmaster.map(String::valueOf).orElse("none");
    }

    /** CPU seconds of each server at one moment. */
    record Sample(double keycloak, double postgres) {
        /** Milliseconds of CPU per request between {@code earlier} and this sample: Keycloak, PostgreSQL. */
        String perRequest(Sample earlier, long requests) {
            double n = Math.max(1, requests);
            return String.format("CPU per request: Keycloak %.2f ms, PostgreSQL %.2f ms", 1000 * (keycloak - earlier.keycloak) / n,
                    1000 * (postgres - earlier.postgres) / n);
        }
    }

    /** utime + stime (and, for a parent that reaps its children, the children it waited for). */
    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withReapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
