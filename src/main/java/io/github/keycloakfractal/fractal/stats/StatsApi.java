package io.github.keycloakfractal.fractal.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.HttpTransport;

import java.io.IOException;
import java.util.Optional;

/**
 * Fractal's statistics API ({@code RESOURCE/v2/stats/...}): who authorized the application and where their KYC
 * stands, plus the total and per-country counts. Calls carry a client-credentials token with
 * {@code client.stats:read}, supplied (and cached) by {@link ClientToken}.
 */
public final class StatsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String statsUrl;
    private final ClientToken token;
    private final ClientToken.Grant grant;
    private final HttpTransport transport;

    public StatsApi(String statsUrl, ClientToken token, ClientToken.Grant grant, HttpTransport transport) {
        this.statsUrl = statsUrl.endsWith("/") ? statsUrl.substring(0, statsUrl.length() - 1) : statsUrl;
        this.token = token;
        this.grant = grant;
        this.transport = transport;
    }

    /** Parsed as it arrives from the socket (no whole-body copy, no size cap): a row per user of the application. */
    public UserVerifications userVerifications() throws StatsException {
        HttpTransport.Streamed<UserVerifications> answer;
        try {
            answer = transport.stream(statsUrl + "/user-verifications", Optional.of(token.bearer(grant)), UserVerifications::parse);
        } catch (IOException e) {
            throw new StatsException("Fractal's statistics API is unreachable: " + e.getClass().getSimpleName());
        }
        return answer.value().orElseThrow(() -> refused(answer.status()));
    }

    /** {@code {"approved": n, "contacted": n, ...}}. */
    public JsonNode totals() throws StatsException {
        return json(get("/total-verifications"));
    }

    /** {@code {"US": {"approved": n, ...}, ...}}. */
    public JsonNode countries() throws StatsException {
        return json(get("/country-verifications"));
    }

    private String get(String path) throws StatsException {
        HttpTransport.Answer answer;
        try {
            answer = transport.get(statsUrl + path, Optional.of(token.bearer(grant)));
        } catch (IOException e) {
            throw new StatsException("Fractal's statistics API is unreachable: " + e.getClass().getSimpleName());
        }
        if (answer.status() != 200) {
            throw refused(answer.status());
        }
        return answer.body();
    }

    /** A token Fractal refuses is forgotten, so the next call asks for a new one. */
    private StatsException refused(int status) {
        if (status == 401) {
            token.forget();
        }
        return new StatsException("Fractal's statistics API answered HTTP " + status);
    }

    private static JsonNode json(String body) throws StatsException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new StatsException("Fractal's statistics API answered something that is not JSON");
        }
    }
}
