package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.fractal.credentials.PersonalSignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Recoveries per second of the extension's own {@code personal_sign} recovery (BouncyCastle, {@link PersonalSignature})
 * against web3j 4.12.3's {@code Sign.signedPrefixedMessageToKey}, the code it replaced, in one JVM on the same
 * vectors. Each recovery is the whole path a request takes: EIP-191 digest, public key, address. Both sides get their
 * signature already decoded, so only the recovery is timed. Rounds alternate between the two so both see the same
 * machine load; the figure per side is the median round, counted per second of the benchmark thread's CPU time (what
 * the code costs, little disturbed by other processes on a shared machine) and per second of wall time. Not a test,
 * nothing is asserted: run it by hand with
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 *     -Dexec.mainClass=io.github.keycloakfractal.benchmark.RecoveryBenchmark -Dexec.args="10 2000"</pre>
 * (arguments: rounds per side, recoveries per round).
 */
public final class RecoveryBenchmark {
    private static final int VECTORS = 500;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Vector(String message, byte[] messageBytes, PersonalSignature ours, Sign.SignatureData theirs,
                          String address) {
    }

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws SignatureException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<Vector> vectors = vectors(new Random(42));

        // warm-up: let the JIT compile both paths before anything is timed
        for (int i = 0; i < 3; i++) {
            ours(vectors, perRound);
            web3j(vectors, perRound);
        }
        double[][] oursRates = new double[2][rounds];
        double[][] web3jRates = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            measure(() -> ours(vectors, perRound), perRound, oursRates, round);
            measure(() -> web3j(vectors, perRound), perRound, web3jRates, round);
        }
        System.out.printf("secp256k1 personal_sign recovery, %d vectors, %d rounds x %d recoveries, Java %s, %d cores%n",
                VECTORS, rounds, perRound, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("  recoveries per CPU second:  extension (BouncyCastle) %6.0f   web3j 4.12.3 %6.0f   ratio %.2f%n",
                median(oursRates[0]), median(web3jRates[0]), median(oursRates[0]) / median(web3jRates[0]));
        System.out.printf("  recoveries per wall second: extension (BouncyCastle) %6.0f   web3j 4.12.3 %6.0f   ratio %.2f%n",
                median(oursRates[1]), median(web3jRates[1]), median(oursRates[1]) / median(web3jRates[1]));
        System.out.printf("  CPU-second rounds: extension %s%n                     web3j     %s%n", format(oursRates[0]), format(web3jRates[0]));
    }

    private interface Round {
        void run() throws SignatureException;
    }

    /** Runs one round, storing its rate per CPU second in {@code rates[0]} and per wall second in {@code rates[1]}. */
    private static void measure(Round round, int count, double[][] rates, int index) throws SignatureException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        round.run();
        rates[0][index] = count / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
        rates[1][index] = count / ((System.nanoTime() - wall) / 1e9);
    }

    private static void ours(List<Vector> vectors, int count) {
        for (int i = 0; i < count; i++) {
            Vector vector = vectors.get(i % vectors.size());
            check(vector.ours().recover(vector.message()).value(), vector);
        }
    }

    private static void web3j(List<Vector> vectors, int count) throws SignatureException {
        for (int i = 0; i < count; i++) {
            Vector vector = vectors.get(i % vectors.size());
            BigInteger key = Sign.signedPrefixedMessageToKey(vector.messageBytes(), vector.theirs());
            check("0x" + Keys.getAddress(key), vector);
        }
    }

    /** Using every result keeps the JIT from discarding the work, and proves both sides agree. */
    private static void check(String address, Vector vector) {
        if (!address.equals(vector.address())) {
            throw new IllegalStateException("recovered " + address + " instead of " + vector.address());
        }
    }

    private static List<Vector> vectors(Random random) {
        HexFormat hex = HexFormat.of();
        List<Vector> vectors = new ArrayList<>();
        for (int i = 0; i < VECTORS; i++) {
            ECKeyPair key = ECKeyPair.create(new BigInteger(250, random).add(BigInteger.ONE));
            String message = "I authorize Bench (client-" + i + ") to get a proof from Fractal that:\n- I passed KYC level plus"
                    + "\n- nonce " + random.nextLong();
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            Sign.SignatureData data = Sign.signPrefixedMessage(bytes, key);
            String wire = "0x" + hex.formatHex(data.getR()) + hex.formatHex(data.getS()) + hex.formatHex(data.getV());
            vectors.add(new Vector(message, bytes, PersonalSignature.parse(wire), data, "0x" + Keys.getAddress(key)));
        }
        return vectors;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String format(double[] rates) {
        StringBuilder out = new StringBuilder();
        for (double rate : rates) {
            out.append(out.length() == 0 ? "" : " ").append(Math.round(rate));
        }
        return out.toString();
    }
}
