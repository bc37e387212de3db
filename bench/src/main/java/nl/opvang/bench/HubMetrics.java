package nl.opvang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;

/** Reads figures the hub reports about itself on {@code GET /metrics} of its metrics listener (Prometheus text). */
final class HubMetrics {
    private final String text;

    private HubMetrics(String text) {
        this.text = text;
    }

    static HubMetrics read(int metricsPort) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build();
        return new HubMetrics(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The sum of every sample whose line starts with {@code prefix} (e.g. one counter over all its labels). */
    double sum(String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The first sample whose line starts with {@code prefix} (name and labels), if any. */
    OptionalDouble value(String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }
}
