package io.github.keycloakfractal.keycloak.rest;

import io.github.keycloakfractal.keycloak.credentials.CredentialEndpoint;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.http.BearerUser;
import io.github.keycloakfractal.keycloak.http.BrowserCors;
import io.github.keycloakfractal.keycloak.http.StorageGuard;
import io.github.keycloakfractal.keycloak.kraken.KrakenReturnEndpoint;
import io.github.keycloakfractal.keycloak.status.KycStatusView;
import io.github.keycloakfractal.keycloak.webhook.KrakenWebhookEndpoint;
import io.github.keycloakfractal.keycloak.webhook.LegacyWebhookEndpoint;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;

/**
 * {@code /realms/{realm}/fractal/...}. Each method only routes; the work lives in small classes beside it. Every
 * method carries its own {@code @Path} (Keycloak 23+ answers 405 without one). Bodies are read as raw bytes (signatures
 * are over the bytes) in JSON, text or octet-stream: form and multipart bodies are refused with 415 before anything reads
 * them, because the server would otherwise try to parse them as forms. The admin operations are on Keycloak's
 * admin REST API instead ({@code /admin/realms/{realm}/fractal}, the {@code admin} package).
 */
public final class FractalResource {
    private final KeycloakSession session;

    FractalResource(KeycloakSession session) {
        this.session = session;
    }

    /** The caller's own KYC state; a bearer token of this realm is required. */
    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        Optional<BearerUser> caller = BearerUser.of(session);
        return BrowserCors.answer(session, caller, caller.map(user -> KycStatusView.of(user.user())).orElseGet(ApiErrors::unauthorized));
    }

    /** A single-use challenge the caller's wallet signs to prove control; a bearer token of this realm is required. */
    @GET
    @Path("credentials/challenge")
    @Produces(MediaType.APPLICATION_JSON)
    public Response credentialChallenge() {
        Optional<BearerUser> caller = BearerUser.of(session);
        return BrowserCors.answer(session, caller,
                caller.map(user -> new CredentialEndpoint(session).challenge(user.user())).orElseGet(ApiErrors::unauthorized));
    }

    /** Binds the caller's wallet with Fractal's credential proof; a bearer token of this realm is required. */
    @POST
    @Path("credentials")
    @Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response credentials(byte[] body) {
        return StorageGuard.around(session, () -> {
            Optional<BearerUser> caller = BearerUser.of(session);
            return BrowserCors.answer(session, caller, caller.map(user -> new CredentialEndpoint(session).bind(user.user(), body == null ? new byte[0] : body))
                    .orElseGet(ApiErrors::unauthorized));
        });
    }

    /** CORS preflight of what browsers call: {@code status}, {@code credentials} and {@code credentials/challenge}. */
    @OPTIONS
    @Path("{browserPath: status|credentials|credentials/challenge}")
    public Response preflight() {
        return BrowserCors.preflight(session);
    }

    /** Fractal ID's legacy webhooks; the raw bytes are kept for the signature check. */
    @POST
    @Path("webhook")
    @Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response legacyWebhook(@HeaderParam("X-Fractal-Signature") String signature, byte[] body) {
        return StorageGuard.around(session, () -> new LegacyWebhookEndpoint(session).handle(signature, body == null ? new byte[0] : body));
    }

    /** Where Kraken's journey sends the browser back; resumes the {@code fractal-kyc} required action. */
    @GET
    @Path("kraken/return")
    public Response krakenReturn(@QueryParam("oneTimeToken") String oneTimeToken) {
        return StorageGuard.around(session, () -> new KrakenReturnEndpoint(session).handle(oneTimeToken));
    }

    /** Kraken's status webhooks (hex HMAC-SHA256 over the raw bytes). */
    @POST
    @Path("kraken/webhook")
    @Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response krakenWebhook(@HeaderParam("X-Fractal-Signature") String signature, byte[] body) {
        return StorageGuard.around(session, () -> new KrakenWebhookEndpoint(session).handle(signature, body == null ? new byte[0] : body));
    }
}
