package io.github.keycloakfractal.fractal.credentials;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Public-key recovery on secp256k1, the curve Ethereum wallets sign with (SEC 1 v2, section 4.1.6), on the
 * BouncyCastle Keycloak ships. An ECDSA signature {@code (r, s)} over a digest {@code e} was made by
 * {@code Q = r⁻¹ (s·R − e·G)}, where {@code R} is the curve point whose x coordinate is {@code r} and whose y parity
 * the signature's recovery id names. That replaces the ~800 KB of web3j this extension used to bundle for the same
 * formula.
 *
 * <p>Only recovery ids 0 and 1 exist here: {@code personal_sign}'s {@code v} (27/28) cannot express the x = r + n
 * case, which has a probability near 2⁻¹²⁸ anyway. The cofactor of secp256k1 is 1, so every point BouncyCastle
 * accepts as on the curve already has order n and no {@code n·R} check is needed.
 */
final class Secp256k1 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    /** The group order n. */
    static final BigInteger ORDER = CURVE.getN();
    /** n / 2, the largest {@code s} a canonical (low-s) signature may have. */
    static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
    private static final int COORDINATE_BYTES = 32;

    private Secp256k1() {
    }

    /**
     * The signer's public key as the 64 bytes {@code x || y}, or empty when no key could have made this signature
     * ({@code r} is no x coordinate on the curve, or the recovered point is the point at infinity).
     *
     * @param r      in {@code [1, n)}
     * @param s      in {@code [1, n)}
     * @param oddY   the recovery id: whether {@code R}'s y coordinate is odd
     * @param digest the 32-byte message digest that was signed
     */
    static Optional<byte[]> recoverPublicKey(BigInteger r, BigInteger s, boolean oddY, byte[] digest) {
        if (r.signum() <= 0 || r.compareTo(ORDER) >= 0 || s.signum() <= 0 || s.compareTo(ORDER) >= 0
                || digest.length != Keccak256.LENGTH) {
            throw new IllegalArgumentException("r and s must lie in [1, n) and the digest be 32 bytes");
        }
        Optional<ECPoint> rPoint = pointWithX(r, oddY);
        if (rPoint.isEmpty()) {
            return Optional.empty();
        }
        // a 256-bit digest needs no truncation against the 256-bit order; e may exceed n, the reductions take care of it
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInverse = r.modInverse(ORDER);
        BigInteger gFactor = e.negate().multiply(rInverse).mod(ORDER);
        BigInteger rFactor = s.multiply(rInverse).mod(ORDER);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), gFactor, rPoint.get(), rFactor).normalize();
        if (q.isInfinity()) {
            return Optional.empty();
        }
        byte[] uncompressed = q.getEncoded(false);
        return Optional.of(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    }

    /** The point with this x coordinate and y parity, read as a SEC 1 compressed encoding; empty when x³ + 7 is no square. */
    private static Optional<ECPoint> pointWithX(BigInteger x, boolean oddY) {
        byte[] compressed = new byte[1 + COORDINATE_BYTES];
        compressed[0] = (byte) (oddY ? 0x03 : 0x02);
        byte[] raw = x.toByteArray();
        int length = Math.min(raw.length, COORDINATE_BYTES);
        System.arraycopy(raw, raw.length - length, compressed, compressed.length - length, length);
        ECCurve curve = CURVE.getCurve();
        try {
            return Optional.of(curve.decodePoint(compressed));
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
    }
}
