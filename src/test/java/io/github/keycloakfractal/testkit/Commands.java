package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived helper programs (tar, initdb, pg_ctl, chown) run to completion with their output captured, so a
 * failure shows what the program said instead of an exit code alone.
 */
final class Commands {
    private static final long LIMIT_SECONDS = 120;

    private Commands() {
    }

    /** What a finished program left: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command) throws IOException {
        return run(command, null);
    }

    /** Runs {@code command}, feeding it {@code input} on stdin when not null. */
    static Result run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        // the output is read to the end before waiting, so a chatty program cannot block on a full pipe
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish within " + LIMIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs {@code command} and fails with its output unless it exits with 0. */
    static String require(List<String> command, String purpose) throws IOException {
        return require(command, null, purpose);
    }

    static String require(List<String> command, String input, String purpose) throws IOException {
        Result result = run(command, input);
        if (result.exitCode() != 0) {
            throw new IOException("could not " + purpose + ": " + command + " exited with " + result.exitCode() + "\n" + result.output());
        }
        return result.output();
    }
}
