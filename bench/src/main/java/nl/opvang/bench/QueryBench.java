package nl.opvang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.LocationAvailability;

/** The availability query over the whole generated region: in the server (the projection) and over HTTP. */
final class QueryBench {
    private final AvailabilityProjection projection;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest request;
    private int answerBytes;

    QueryBench(AvailabilityProjection projection, int httpPort, String token) {
        this.projection = projection;
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/availability"))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    /** One run: in-process p50, p99 (ms), locations answered. */
    double[] inProcess(int count) {
        long[] samples = new long[count];
        int size = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            List<LocationAvailability> answer = projection.query(null, null, null);
            samples[i] = System.nanoTime() - start;
            size = answer.size();
        }
        return new double[] {Stats.millis(Stats.percentile(samples, 0.5)), Stats.millis(Stats.percentile(samples, 0.99)), size};
    }

    /** One run: HTTP p50, p99 (ms) of the full answer, read to the end. */
    double[] overHttp(int count) throws Exception {
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            samples[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/v1/availability answered " + response.statusCode());
            }
            answerBytes = response.body().length;
        }
        return new double[] {Stats.millis(Stats.percentile(samples, 0.5)), Stats.millis(Stats.percentile(samples, 0.99))};
    }

    int answerBytes() {
        return answerBytes;
    }
}
