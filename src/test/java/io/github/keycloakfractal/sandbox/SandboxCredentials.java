package io.github.keycloakfractal.sandbox;

import io.github.keycloakfractal.fractal.credentials.CredentialLevel;
import io.github.keycloakfractal.fractal.credentials.WalletAddress;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The Credentials API's side of Fractal (fractal-api.md section 8): the users Fractal knows by wallet, and the key it
 * signs proofs with. Keys and the subject's data are those of the contract's Appendix A, so a test can sign requests
 * with well-known Hardhat keys and the sandbox reproduces the appendix's proofs byte for byte; the signer can be
 * swapped for another key, so tests can check that the extension refuses proofs not signed by the configured signer.
 *
 * <p>Wallet users are a separate registry from the consent page's users: Fractal looks a proof up by the wallet that
 * signed the request, never by an OAuth session.
 */
public final class SandboxCredentials {
    /** Hardhat key #0, the sandbox's default proof signer (Appendix A's test signer). Well known, never a secret. */
    public static final String SIGNER_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final String SIGNER_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    /** Hardhat key #1, the wallet of the seeded approved user (Appendix A's subject). */
    public static final String SUBJECT_PRIVATE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public static final String SUBJECT_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    /** Appendix A's fractalId of the subject, so the sandbox signs exactly the appendix's strings. */
    public static final String SUBJECT_FRACTAL_ID = "0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd";
    /** Appendix A's approval time of the subject. */
    public static final Instant SUBJECT_APPROVED_AT = Instant.ofEpochSecond(1654693829L);
    /** Hardhat key #2, the wallet of the seeded user whose KYC is still pending. */
    public static final String PENDING_PRIVATE_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    public static final String PENDING_ADDRESS = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    /** Fractal's wallet-user states: only {@code approved} gets a proof; pending and contacted are "not yet". */
    static final Set<String> STATUSES = Set.of("approved", "pending", "contacted", "rejected");
    private static final Pattern PRIVATE_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    /**
     * A user as the Credentials API sees it. Citizenship and residence may be null (unknown, as for a uniqueness-only
     * user), and so may {@code approvedAt} for a user who was never approved.
     */
    record WalletUser(WalletAddress address, String fractalId, String status, KycLevel level, CountryCode citizenship,
                      CountryCode residence, Instant approvedAt) {
        boolean isApproved() {
            return status.equals("approved");
        }

        boolean isWaiting() {
            return status.equals("pending") || status.equals("contacted");
        }
    }

    private final Map<WalletAddress, WalletUser> users = new ConcurrentHashMap<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private volatile ECKeyPair signer;

    SandboxCredentials() {
        reset();
    }

    /**
     * Adds a wallet user, or replaces the one holding that address (e.g. to approve the pending user). {@code status}
     * is {@code approved}, {@code pending}, {@code contacted} or {@code rejected}; {@code level} a level string such
     * as {@code plus+liveness} whose base is {@code uniqueness}, {@code basic} or {@code plus}; {@code citizenship}
     * and {@code residence} ISO alpha-2 codes (null when Fractal has none); {@code approvedAt} is required for an
     * approved user and kept to whole seconds. Returns the user's {@link #fractalId(String)}.
     */
    public String addWalletUser(String address, String status, String level, String citizenship, String residence,
                                Instant approvedAt) {
        WalletUser user = walletUser(address, status, level, citizenship, residence, approvedAt);
        users.put(user.address(), user);
        return user.fractalId();
    }

    /**
     * The fractalId Fractal answers for a wallet's user: Appendix A's for the seeded subject, otherwise
     * {@code 0x} + keccak256 of the lower-case address, so it is stable across restarts and needs no bookkeeping.
     */
    public String fractalId(String address) {
        return fractalId(WalletAddress.parse(address));
    }

    /** The EIP-55 address of the key proofs are signed with now. */
    public String signerAddress() {
        return Keys.toChecksumAddress(Keys.getAddress(signer));
    }

    /** Signs proofs from now on with this key ({@code 0x} optional, 64 hex digits). */
    public void useSignerKey(String privateKeyHex) {
        this.signer = keyPair(privateKeyHex);
    }

    /** Back to the seeded wallet users, the default signer and an empty request log. */
    public void reset() {
        Map<WalletAddress, WalletUser> seeded = new ConcurrentHashMap<>();
        for (WalletUser seed : seeds()) {
            seeded.put(seed.address(), seed);
        }
        // replace in place rather than clear first, so a request in flight never finds the seeds missing
        users.keySet().retainAll(seeded.keySet());
        users.putAll(seeded);
        signer = keyPair(SIGNER_PRIVATE_KEY);
        requestLog.clear();
    }

    /**
     * One entry per request in order: the error code for a refusal before a wallet was recovered (e.g.
     * {@code invalid_params}), else the outcome and the recovered lower-case address ({@code proof 0x7099…},
     * {@code user_not_found 0x…}, {@code user_pending 0x…}).
     */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    Optional<WalletUser> user(WalletAddress address) {
        return Optional.ofNullable(users.get(address));
    }

    void logged(String entry) {
        requestLog.add(entry);
    }

    /** {@code personal_sign} (EIP-191 over the UTF-8 bytes, v 27/28) of {@code text} by the current signer. */
    String sign(String text) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), signer);
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV());
    }

    private static List<WalletUser> seeds() {
        return List.of(
                walletUser(SUBJECT_ADDRESS, "approved", "plus+liveness", "PT", "PT", SUBJECT_APPROVED_AT),
                walletUser(PENDING_ADDRESS, "pending", "basic+liveness", "GB", "GB", null));
    }

    private static WalletUser walletUser(String address, String status, String level, String citizenship,
                                         String residence, Instant approvedAt) {
        WalletAddress wallet = WalletAddress.parse(address);
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("a wallet user's status is one of " + STATUSES + ", not " + status);
        }
        KycLevel kycLevel;
        try {
            kycLevel = KycLevel.parse(level);
            CredentialLevel.of(kycLevel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a credential level (uniqueness, basic or plus, with add-ons): " + level, e);
        }
        if (status.equals("approved") && approvedAt == null) {
            throw new IllegalArgumentException("an approved wallet user needs approvedAt");
        }
        Instant seconds = approvedAt == null ? null : Instant.ofEpochSecond(approvedAt.getEpochSecond());
        return new WalletUser(wallet, fractalId(wallet), status, kycLevel, country(citizenship), country(residence), seconds);
    }

    private static String fractalId(WalletAddress address) {
        if (address.equals(WalletAddress.parse(SUBJECT_ADDRESS))) {
            return SUBJECT_FRACTAL_ID;
        }
        return "0x" + HexFormat.of().formatHex(Hash.sha3(address.value().getBytes(StandardCharsets.UTF_8)));
    }

    private static CountryCode country(String code) {
        return code == null || code.isBlank() ? null : new CountryCode(code);
    }

    private static ECKeyPair keyPair(String privateKeyHex) {
        if (privateKeyHex == null || !PRIVATE_KEY.matcher(privateKeyHex).matches()) {
            throw new IllegalArgumentException("a private key is 64 hex digits, optionally after 0x");
        }
        BigInteger key = new BigInteger(privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex, 16);
        if (key.signum() == 0 || key.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("the private key is outside the secp256k1 range");
        }
        return ECKeyPair.create(key);
    }
}
