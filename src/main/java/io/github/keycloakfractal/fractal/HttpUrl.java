package io.github.keycloakfractal.fractal;

import java.net.URI;

/**
 * The one check every configured URL passes (OAuth endpoints, Kraken, statistics, Credentials API): absolute, http or
 * https, with a host. {@code URI.create} alone accepts {@code //host} or {@code /path}, which would only fail later,
 * at a user's login or in a background run; refusing them when the setting is saved keeps the error next to its cause.
 */
public final class HttpUrl {
    private HttpUrl() {
    }

    /** The URL, trimmed, or a {@link FractalConfigurationException} saying which setting ({@code what}) is wrong. */
    public static String require(String what, String url) {
        String trimmed = url == null ? "" : url.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                return trimmed;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with the setting's name
        }
        throw new FractalConfigurationException(what + " is not an absolute http(s) URL: " + trimmed);
    }
}
