package nl.opvang.hub.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: each VO desk answers within its own response time from the region file (default 15 minutes); the Veilig
 * Thuis page says to call once a referral's {@code respondBy} has passed. A real hub on a region file with two desks.
 */
class ReferralResponseTimeTest {
    private static final String REGION = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                municipalities: [Amersfoort]
                desks:
                  - {provider: Kwintes, responseMinutes: 5}
                locations:
                  - code: kw-vo
                    name: Vrouwenopvang
                    provider: Kwintes
                    municipality: Amersfoort
                    phone: "088 000 0200 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women, families]
                    nodes:
                      - code: kw-vo-1
                        beds:
                          - {kind: crisis, codes: [C1-C2]}
                  - code: ldh-vo
                    name: Blijf-van-mijn-lijfhuis
                    provider: Leger des Heils
                    municipality: Amersfoort
                    phone: "088 000 0300 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women, families]
                    nodes:
                      - code: ldh-vo-1
                        beds:
                          - {kind: crisis, codes: [L1]}
            """;

    @TempDir
    Path dir;

    @Test
    void a_referral_must_be_answered_within_its_desks_own_time_or_fifteen_minutes() throws Exception {
        Path region = Files.writeString(dir.resolve("desks.yaml"), REGION);
        try (Hub hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dir.resolve("hub"))
                .region(region).httpRateLimit(0).build(), Clock.systemUTC())) {
            ApiClient api = new ApiClient(hub::httpPort, "demo");
            api.logIn("veiligthuis");

            assertEquals(Duration.ofMinutes(5), answerWithin(api, "Kwintes"));
            assertEquals(Duration.ofMinutes(15), answerWithin(api, "Leger des Heils"), "not in the file: 15 minutes");
        }
    }

    private static Duration answerWithin(ApiClient api, String desk) {
        HttpResponse<String> referred = api.post("/api/v1/referrals", "veiligthuis", "{\"desk\":\"" + desk + "\"}");
        assertEquals(201, referred.statusCode(), referred.body());
        JsonNode referral = ApiClient.parse(referred);
        return Duration.between(Instant.parse(referral.get("createdAt").asText()),
                Instant.parse(referral.get("respondBy").asText()));
    }
}
