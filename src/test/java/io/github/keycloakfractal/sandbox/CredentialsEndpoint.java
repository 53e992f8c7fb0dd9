package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.github.keycloakfractal.fractal.credentials.CredentialException;
import io.github.keycloakfractal.fractal.credentials.CredentialLevel;
import io.github.keycloakfractal.fractal.credentials.CredentialMessage;
import io.github.keycloakfractal.fractal.credentials.ListedCountry;
import io.github.keycloakfractal.fractal.credentials.PersonalSignature;
import io.github.keycloakfractal.fractal.credentials.WalletAddress;
import io.github.keycloakfractal.fractal.kyc.KycLevel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fractal's Credentials API, {@code GET /credentials/?message=&signature=} (the path without the slash too, since
 * Fractal's own host serves it at the root and clients differ in how they join paths).
 *
 * <p>Refusals come in Fractal's order: {@code invalid_params}, then the signature's shape, then the message as the
 * extension's core parser reports it ({@code invalid_message_schema}, {@code invalid_level}, {@code invalid_country},
 * {@code invalid_configuration}), then the app's client id. The message parser is shared with the extension because
 * re-implementing its grammar here would only test a second copy of it; the proof itself is built from the parsed parts
 * independently of the extension's proof code, so a mistake there is not mirrored here.
 *
 * <p>A wallet's user gets a proof only when approved and matching the message: a base level at least the requested
 * one ({@code uniqueness < basic < plus}), every requested add-on ({@code liveness} is part of uniqueness), and
 * citizenship and residence outside the blocklists. Otherwise Fractal answers as if there were no such user, which
 * reveals nothing about why. Responses carry {@code Access-Control-Allow-Origin: *}: Fractal's demo calls the API
 * straight from a browser.
 */
final class CredentialsEndpoint implements Exchanges.Endpoint {
    static final String PATH = "/credentials";
    /** As Fractal documents it: {@code validUntil} = issuance + 24 h. */
    static final Duration PROOF_LIFETIME = Duration.ofHours(24);

    private final SandboxCredentials credentials;
    private final Predicate<String> registeredClient;
    private final Clock clock;

    CredentialsEndpoint(SandboxCredentials credentials, Predicate<String> registeredClient, Clock clock) {
        this.credentials = credentials;
        this.registeredClient = registeredClient;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        if (Exchanges.isMethod(exchange, "OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET");
            exchange.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (!Exchanges.isMethod(exchange, "GET") && !Exchanges.isMethod(exchange, "HEAD")) {
            Exchanges.methodNotAllowed(exchange, "GET, HEAD, OPTIONS");
            return;
        }
        Map<String, String> query = Exchanges.query(exchange);
        String messageText = query.get("message");
        String signatureText = query.get("signature");
        if (messageText == null || messageText.isEmpty() || signatureText == null || signatureText.isEmpty()) {
            refuse(exchange, "invalid_params");
            return;
        }
        PersonalSignature signature;
        CredentialMessage message;
        try {
            signature = PersonalSignature.parse(signatureText);
            message = CredentialMessage.parse(messageText);
        } catch (CredentialException e) {
            refuse(exchange, e.error().code());
            return;
        }
        if (!registeredClient.test(message.clientId())) {
            refuse(exchange, "invalid_client_id");
            return;
        }
        WalletAddress wallet;
        try {
            wallet = signature.recover(messageText);
        } catch (CredentialException e) {
            refuse(exchange, e.error().code());
            return;
        }
        SandboxCredentials.WalletUser user = credentials.user(wallet).orElse(null);
        if (user != null && user.isWaiting()) {
            notFound(exchange, wallet, "user_pending");
        } else if (user == null || !user.isApproved() || !satisfies(user, message)) {
            notFound(exchange, wallet, "user_not_found");
        } else {
            credentials.logged("proof " + wallet.value());
            Exchanges.sendJson(exchange, 200, proof(user, message));
        }
    }

    /** Fractal's 200 body, fields in its order; the proof signs {@code lower(address);fractalId;approvedAt;validUntil;credential}. */
    private Map<String, Object> proof(SandboxCredentials.WalletUser user, CredentialMessage message) {
        long approvedAt = user.approvedAt().getEpochSecond();
        long validUntil = clock.instant().plus(PROOF_LIFETIME).getEpochSecond();
        String credential = "level:" + message.level() + ";citizenship_not:" + codes(message.notCitizenOf())
                + ";residency_not:" + codes(message.notResidentOf());
        String signed = user.address().value() + ";" + user.fractalId() + ";" + approvedAt + ";" + validUntil + ";" + credential;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", user.address().toChecksum());
        body.put("approvedAt", approvedAt);
        body.put("fractalId", user.fractalId());
        body.put("validUntil", validUntil);
        body.put("proof", credentials.sign(signed));
        body.put("credential", credential);
        return body;
    }

    private static boolean satisfies(SandboxCredentials.WalletUser user, CredentialMessage message) {
        KycLevel held = user.level();
        CredentialLevel heldBase = CredentialLevel.of(held);
        if (!heldBase.isAtLeast(message.baseLevel())) {
            return false;
        }
        List<String> requested = message.level().components();
        for (String addOn : requested.subList(1, requested.size())) {
            boolean included = addOn.equals("liveness") && heldBase == CredentialLevel.UNIQUENESS;
            if (!included && !held.components().contains(addOn)) {
                return false;
            }
        }
        boolean blockedCitizen = user.citizenship() != null
                && message.notCitizenOf().stream().anyMatch(country -> country.code().equals(user.citizenship()));
        boolean blockedResident = user.residence() != null
                && message.notResidentOf().stream().anyMatch(country -> country.code().equals(user.residence()));
        return !blockedCitizen && !blockedResident;
    }

    /** Lower-case codes, comma separated, in message order (Fractal's order question Q8 is open; this keeps it). */
    private static String codes(List<ListedCountry> countries) {
        return String.join(",", countries.stream().map(country -> country.code().value().toLowerCase(Locale.ROOT)).toList());
    }

    private void refuse(HttpExchange exchange, String code) throws IOException {
        credentials.logged(code);
        Exchanges.sendJson(exchange, 400, Map.of("error", code));
    }

    private void notFound(HttpExchange exchange, WalletAddress wallet, String code) throws IOException {
        credentials.logged(code + " " + wallet.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", wallet.toChecksum());
        body.put("error", code);
        Exchanges.sendJson(exchange, 404, body);
    }
}
