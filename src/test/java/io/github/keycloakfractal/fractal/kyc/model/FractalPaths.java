package io.github.keycloakfractal.fractal.kyc.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.fractal.kraken.KrakenWebhook;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UserInfoKyc;
import io.github.keycloakfractal.fractal.stats.UserVerifications;
import io.github.keycloakfractal.fractal.webhook.LegacyWebhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Fractal's payloads for each path, built from the truth at the path's observation time, and read back through the
 * extension's own parsers. Each {@link Sent} also records, independently of the parsers, which components it covers.
 */
final class FractalPaths {
    static final String KRAKEN_LEVEL = "basic+liveness";
    private static final List<String> PROOF_LEVELS = List.of("basic", "basic+liveness", "plus", "plus+liveness");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the path would call; empty when the payload says nothing about KYC. */
    @FunctionalInterface
    interface Reader {
        Optional<KycObservation> read() throws Exception;
    }

    /** One payload: its path, time, the components it covers (or the status-only form), and whether it must be refused. */
    record Sent(String path, Instant at, Set<String> covered, boolean statusOnly, boolean refused, Reader reader) {
        @Override
        public String toString() {
            return path + " at " + at + " covering " + (statusOnly ? "*" : covered) + (refused ? " (refused)" : "");
        }
    }

    private record Case(String level, KycStatus status) {
    }

    private FractalPaths() {
    }

    /** One notification per component of each decision (sometimes one for the whole level string); some get lost. */
    static List<Sent> webhooks(FractalTruth truth, Random random) {
        List<Sent> sent = new ArrayList<>();
        for (FractalTruth.Event event : truth.events()) {
            if (event.status() == KycStatus.PENDING || event.status() == KycStatus.EXPIRED || random.nextInt(7) == 0) {
                continue;
            }
            List<String> levels = random.nextInt(4) == 0 ? List.of(String.join("+", event.components())) : event.components();
            for (String level : levels) {
                sent.add(webhook(level, event.status(), event.at(), truth.end(), false));
            }
        }
        return sent;
    }

    static Sent webhook(String level, KycStatus status, Instant at, Instant receivedAt, boolean refused) {
        ObjectNode body = JSON.createObjectNode().put("type", "verification_" + status.value());
        body.putObject("data").put("level", level).put("user_id", "u1").put("timestamp", at.toString());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new Sent("webhook", at, components(level), false, refused,
                () -> Optional.of(LegacyWebhook.parse(bytes).observation(receivedAt, false)));
    }

    /** A decision notification without its timestamp; refused since the provider does not accept undated ones. */
    static Sent undatedWebhook(FractalTruth truth) {
        byte[] bytes = "{\"type\":\"verification_approved\",\"data\":{\"level\":\"plus\",\"user_id\":\"u1\"}}".getBytes(StandardCharsets.UTF_8);
        return new Sent("undated webhook", truth.end(), Set.of("plus"), false, true,
                () -> Optional.of(LegacyWebhook.parse(bytes).observation(truth.end(), false)));
    }

    /** A login showing the cases of the scopes asked (a random part of the picture), in v2 or v1 form. */
    static Sent login(FractalTruth truth, Instant at, Random random) {
        SortedMap<String, KycStatus> visible = new java.util.TreeMap<>(truth.picture(at));
        visible.keySet().removeIf(component -> random.nextInt(4) == 0);
        ObjectNode userInfo = JSON.createObjectNode().put("uid", "u1");
        Set<String> covered = new TreeSet<>();
        if (random.nextInt(6) == 0) {
            ArrayNode verifications = userInfo.putArray("verifications");
            for (Case approved : cases(filter(visible, KycStatus.APPROVED), random)) {
                verifications.addObject().put("level", approved.level());
                covered.addAll(components(approved.level()));
            }
        } else {
            ArrayNode cases = userInfo.putArray("verification_cases");
            for (Case listed : cases(visible, random)) {
                encode(cases.addObject().put("id", Integer.toString(random.nextInt(1000))).put("level", listed.level()), listed.status(), random);
                covered.addAll(components(listed.level()));
            }
        }
        return new Sent("login", at, covered, false, false, () -> UserInfoKyc.observe(userInfo, KycSource.BROKER_LOGIN, at));
    }

    /** The statistics rows: every started case of the user, with another user's rows in between. */
    static Sent rows(FractalTruth truth, Instant at, Random random) {
        SortedMap<String, KycStatus> picture = truth.picture(at);
        List<ObjectNode> rows = new ArrayList<>();
        for (Case listed : cases(picture, random)) {
            rows.add(JSON.createObjectNode().put("user_id", "u1").put("level", listed.level()).put("credential", listed.status().value()));
        }
        rows.add(JSON.createObjectNode().put("user_id", "u2").put("level", "plus").put("credential", "approved"));
        Collections.shuffle(rows, random);
        String body = JSON.createArrayNode().addAll(rows).toString();
        return new Sent("statistics rows", at, picture.keySet(), false, false,
                () -> UserVerifications.parse(body).observation("u1", at, KycSource.RECONCILIATION));
    }

    /** The original statistics shape, {@code {user_id: status}}, for a user with a started case. */
    static Optional<Sent> statusMap(FractalTruth truth, Instant at) {
        return truth.overall(at).map(status -> {
            String body = JSON.createObjectNode().put("u2", "rejected").put("u1", status.value()).toString();
            return new Sent("statistics map", at, Set.of(), true, false,
                    () -> UserVerifications.parse(body).observation("u1", at, KycSource.RECONCILIATION));
        });
    }

    /** Kraken's one status for the journey, when the journey's components stand together at Kraken's states. */
    static Optional<Sent> kraken(FractalTruth truth, Instant at) {
        Set<Optional<KycStatus>> statuses = new java.util.HashSet<>();
        for (String component : components(KRAKEN_LEVEL)) {
            statuses.add(truth.status(component, at));
        }
        Optional<KycStatus> journey = statuses.iterator().next();
        if (statuses.size() != 1 || journey.isEmpty() || journey.get() == KycStatus.CONTACTED || journey.get() == KycStatus.EXPIRED) {
            return Optional.empty();
        }
        byte[] body = JSON.createObjectNode().put("id", "k1").put("status", journey.get().value()).put("note", "")
                .toString().getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Sent("kraken", at, components(KRAKEN_LEVEL), false, false, () -> Optional.of(
                KycObservation.of(KycLevel.parse(KRAKEN_LEVEL), KrakenWebhook.parse(body).status(), at, KycSource.KRAKEN_WEBHOOK))));
    }

    /** A wallet proof of a level all of whose components were approved at its {@code approvedAt}. */
    static Optional<Sent> walletProof(FractalTruth truth, Instant approvedAt, Random random) {
        String level = PROOF_LEVELS.get(random.nextInt(PROOF_LEVELS.size()));
        if (!components(level).stream().allMatch(c -> truth.status(c, approvedAt).orElse(null) == KycStatus.APPROVED)) {
            return Optional.empty();
        }
        return Optional.of(new Sent("wallet proof", approvedAt, components(level), false, false,
                () -> Optional.of(KycObservation.approval(KycLevel.parse(level), approvedAt, KycSource.CREDENTIAL_PROOF))));
    }

    static Set<String> components(String level) {
        return new TreeSet<>(List.of(level.split("\\+")));
    }

    private static SortedMap<String, KycStatus> filter(SortedMap<String, KycStatus> picture, KycStatus status) {
        SortedMap<String, KycStatus> only = new java.util.TreeMap<>(picture);
        only.values().removeIf(s -> s != status);
        return only;
    }

    /**
     * Cases covering every component of {@code picture} with its own status: main levels each open a case, add-ons
     * join a case of the same status or stand alone; plus overlapping cases whose status is the weakest of their
     * components', as when a later case repeats an add-on. The strongest case naming a component is its truth.
     */
    private static List<Case> cases(SortedMap<String, KycStatus> picture, Random random) {
        List<List<String>> groups = new ArrayList<>();
        List<KycStatus> statuses = new ArrayList<>();
        List<String> ordered = new ArrayList<>(picture.keySet());
        ordered.sort(java.util.Comparator.comparing(c -> FractalTruth.MAIN_LEVELS.contains(c) ? 0 : 1));
        for (String component : ordered) {
            KycStatus status = picture.get(component);
            List<Integer> joinable = new ArrayList<>();
            for (int i = 0; i < groups.size() && !FractalTruth.MAIN_LEVELS.contains(component); i++) {
                if (statuses.get(i) == status) {
                    joinable.add(i);
                }
            }
            if (!joinable.isEmpty() && random.nextBoolean()) {
                groups.get(joinable.get(random.nextInt(joinable.size()))).add(component);
            } else {
                groups.add(new ArrayList<>(List.of(component)));
                statuses.add(status);
            }
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            cases.add(new Case(String.join("+", groups.get(i)), statuses.get(i)));
        }
        List<String> mains = ordered.stream().filter(FractalTruth.MAIN_LEVELS::contains).toList();
        List<String> addOns = ordered.stream().filter(c -> !FractalTruth.MAIN_LEVELS.contains(c)).toList();
        for (int extra = random.nextInt(3); extra > 0 && !addOns.isEmpty(); extra--) {
            List<String> overlap = new ArrayList<>();
            if (!mains.isEmpty() && random.nextBoolean()) {
                overlap.add(mains.get(random.nextInt(mains.size())));
            }
            String addOn = addOns.get(random.nextInt(addOns.size()));
            overlap.add(addOn);
            KycStatus weakest = overlap.stream().map(picture::get)
                    .min(java.util.Comparator.comparing(s -> List.of(KycStatus.PENDING, KycStatus.CONTACTED, KycStatus.EXPIRED,
                            KycStatus.REJECTED, KycStatus.APPROVED).indexOf(s))).orElseThrow();
            cases.add(new Case(String.join("+", overlap), weakest));
        }
        Collections.shuffle(cases, random);
        return cases;
    }

    /** A case in either encoding of fractal-api.md Q3 (the documented table cannot say expired). */
    private static void encode(ObjectNode node, KycStatus status, Random random) {
        if (status == KycStatus.EXPIRED || random.nextBoolean()) {
            node.put("status", status.value());
            return;
        }
        switch (status) {
            case APPROVED -> node.put("status", random.nextInt(4) == 0 ? "contacted" : "done").put("credential", "approved");
            case REJECTED -> node.put("status", "done").put("credential", "rejected");
            case CONTACTED -> node.put("status", "contacted").put("credential", "pending");
            default -> node.put("status", "pending").put("credential", "pending");
        }
    }
}
