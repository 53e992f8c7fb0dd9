package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of a Keycloak's {@code /metrics} on its management port, in Prometheus' text format, as a monitoring
 * system would scrape it. Every test of a run shares one server, so tests compare two scrapes ({@link #increase})
 * instead of reading absolute values: other tests' deliveries and runs count in the same series.
 */
public final class MetricsScrape {
    /** One line of the scrape: {@code name{label="value",...} number}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Scrapes {@code keycloak}'s {@code /metrics} now; fails if the page is not there (metrics not enabled). */
    public static MetricsScrape of(KeycloakServer keycloak) throws IOException, InterruptedException {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.managementUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + page.statusCode() + "; is --metrics-enabled=true set?");
        }
        return parse(page.body());
    }

    static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line.trim()));
            }
        }
        return new MetricsScrape(samples);
    }

    /** The sum of the series named {@code name} whose labels include all of {@code labels} (0 when there is none). */
    public double value(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** How much {@link #value} grew since {@code before}. */
    public double increase(MetricsScrape before, String name, Map<String, String> labels) {
        return value(name, labels) - before.value(name, labels);
    }

    /** Every series of that name, e.g. to show what there is when an assertion fails. */
    public List<Sample> series(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, line.indexOf(' ')), Map.of(), number(line.substring(space + 1)));
        }
        int close = line.lastIndexOf('}');
        return new Sample(line.substring(0, brace), labels(line.substring(brace + 1, close)), number(line.substring(close + 1).trim().split(" ")[0]));
    }

    /** {@code a="x",b="y\"z",} with Prometheus' escapes ({@code \\}, {@code \"}, {@code \n}). */
    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < text.length() && text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(name, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
