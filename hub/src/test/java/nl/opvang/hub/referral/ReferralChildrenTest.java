package nl.opvang.hub.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A household with children needs a place that takes children (issue 14): against a real hub with a region of two
 * vrouwenopvang providers, one for families and one for women only. A referral with children to the women-only desk is
 * a Dutch 409 and stores nothing; the search does not count that desk's places for a household with children.
 */
class ReferralChildrenTest {
    private static final String REGION = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                municipalities: [Amersfoort]
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
                          - {kind: crisis, codes: [C1]}
                  - code: vh
                    name: Vrouwenhuis
                    provider: Vrouwenhuis
                    municipality: Amersfoort
                    phone: "088 000 0300 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women]
                    nodes:
                      - code: vh-1
                        beds:
                          - {kind: crisis, codes: [H1]}
            """;

    @TempDir
    Path dir;

    @Test
    void children_on_a_desk_whose_places_take_no_children_are_refused_and_nothing_is_stored() throws IOException {
        Path region = Files.writeString(dir.resolve("region.yaml"), REGION);
        try (Hub hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dir.resolve("data"))
                .region(region).build(), Clock.systemUTC())) {
            ApiClient api = new ApiClient(hub::httpPort, "demo");
            api.logIn("veiligthuis");

            HttpResponse<String> refused = api.post("/api/v1/referrals", "veiligthuis",
                    "{\"desk\":\"Vrouwenhuis\",\"adults\":1,\"children\":2}");
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(ApiClient.parse(refused).get("error").asText().startsWith(
                    "Deze vrouwenopvang heeft geen plaatsen voor iemand met kinderen"), refused.body());
            assertEquals(0, ApiClient.parse(api.get("/api/v1/referrals", "veiligthuis")).get("referrals").size(),
                    "nothing stored");
            assertEquals(201, api.post("/api/v1/referrals", "veiligthuis",
                    "{\"desk\":\"Kwintes\",\"adults\":1,\"children\":2}").statusCode(), "the family desk takes them");
            assertEquals(201, api.post("/api/v1/referrals", "veiligthuis",
                    "{\"desk\":\"Vrouwenhuis\",\"adults\":1,\"children\":0}").statusCode(), "and a woman alone goes to either");

            JsonNode desks = ApiClient.parse(api.get("/api/v1/crisis-places?children=1", "veiligthuis")).get("regions");
            assertEquals(2, desks.size(), desks.toString());
            for (JsonNode desk : desks) {
                assertEquals(desk.get("desk").asText().equals("Kwintes") ? "088 000 0200 (24/7)" : "088 000 0300 (24/7)",
                        desk.get("phones").get(0).asText(), "each desk its own number");
            }
        }
    }
}
