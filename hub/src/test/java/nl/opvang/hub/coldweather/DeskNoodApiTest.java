package nl.opvang.hub.coldweather;

import static nl.opvang.hub.coldweather.ColdWeatherHub.ADMIN;
import static nl.opvang.hub.coldweather.ColdWeatherHub.CT;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VEILIG_THUIS;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.protocol.Kind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VO desk opens and closes its own location's noodbedden through the hub (docs/DESIGN.md §4 "Noodbedden by the
 * desk"): a real hub and the vrouwenopvang's real node (kw-vo-1, 2 noodbedden, closed), the commands confirmed by the
 * node, the audit, the refusals (other roles, another location, cold-weather mode), and every documented status.
 */
class DeskNoodApiTest {
    private static final String LIST = "/api/v1/nood";
    private static final String KW_VO = "/api/v1/nood/kw-vo";
    private static final String OPEN = "{\"open\":true,\"reason\":\"Vrouw met kind, politie onderweg\"}";
    private static final String CLOSE = "{\"open\":false,\"reason\":\"Doorgeplaatst\"}";

    @TempDir
    Path data;
    ColdWeatherHub hub;
    Node node;

    @BeforeEach
    void start() {
        hub = new ColdWeatherHub(data.resolve("hub"), Clock.systemUTC());
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 15; bed++) {
            beds.add(new NodeConfig.BedConfig(String.format("V%02d", bed), Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
        beds.add(new NodeConfig.BedConfig("C2", Kind.CRISIS));
        node = Node.start(NodeConfig.simulated("kw-vo", "kw-vo-1", hub.hub.mqttUrl(), data.resolve("node"), beds,
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 2, false))), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> hub.hub.inProcess().projection().snapshot()
                .locations().get("kw-vo").freshness() == Freshness.LIVE);
    }

    @AfterEach
    void stop() {
        node.close();
        hub.close();
    }

    @Test
    void the_desk_opens_its_noodbedden_the_node_confirms_then_it_closes_them_and_both_are_audited() {
        JsonNode before = hub.get(VO_DESK, LIST).json().get("locations");
        assertEquals(1, before.size(), "kw-vo only: the young mothers have no noodbedden, the MO sites are not the desk's");
        assertEquals("Gesloten", before.get(0).get("text").asText());

        assertEquals(200, hub.post(VO_DESK, KW_VO, OPEN).status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.nood().orElseThrow().open());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Open, bevestigd".equals(site().get("text").asText()));
        assertEquals(LocalDate.now(SwitchRequest.LOCAL).plusDays(1).atTime(12, 0).atZone(SwitchRequest.LOCAL).toInstant(),
                Instant.parse(site().get("asked").get("until").asText()), "default end: noon tomorrow, Dutch time");

        assertEquals(200, hub.post(VO_DESK, KW_VO, CLOSE).status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !node.nood().orElseThrow().open());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> site().get("asked").isNull());
        assertEquals("Gesloten", site().get("text").asText());

        List<JsonNode> opened = hub.audit(DeskNood.OPENED);
        assertEquals("vo-desk", opened.get(0).get("actor").asText());
        assertTrue(opened.get(0).get("detail").asText().endsWith("reden: Vrouw met kind, politie onderweg"));
        assertEquals("vo-desk", hub.audit(DeskNood.CLOSED).get(0).get("actor").asText());
    }

    @Test
    void refusals_change_nothing() {
        Map<String, ColdWeatherHub.Answer> refusals = new LinkedHashMap<>();
        for (String account : List.of(CT, VEILIG_THUIS, ADMIN, "nacht-kw-vo")) {
            refusals.put(account + " list 403", hub.get(account, LIST));
            refusals.put(account + " post 403", hub.post(account, KW_VO, OPEN));
        }
        refusals.put("another provider's or an MO location 403", hub.post(VO_DESK, "/api/v1/nood/amergaard", OPEN));
        refusals.put("unknown 404", hub.post(VO_DESK, "/api/v1/nood/nope", OPEN));
        refusals.put("no noodbedden 400", hub.post(VO_DESK, "/api/v1/nood/kw-jm", OPEN));
        refusals.put("no reason 400", hub.post(VO_DESK, KW_VO, "{\"open\":true}"));
        refusals.put("open not a boolean 400", hub.post(VO_DESK, KW_VO, "{\"open\":\"ja\",\"reason\":\"Vorst\"}"));
        refusals.put("too far 400", hub.post(VO_DESK, KW_VO,
                "{\"open\":true,\"until\":\"2099-01-01T12:00\",\"reason\":\"Vorst\"}"));
        refusals.put("closed already 409", hub.post(VO_DESK, KW_VO, CLOSE));

        refusals.forEach((what, answer) -> {
            assertEquals(Integer.parseInt(what.substring(what.length() - 3)), answer.status(), what + ": " + answer.body());
            assertFalse(answer.json().get("error").asText().isBlank(), what);
        });
        assertEquals(DeskNood.OWN_ONLY, refusals.get("another provider's or an MO location 403").json().get("error").asText());
        assertTrue(hub.audit(DeskNood.OPENED).isEmpty(), "nothing was opened");
        assertFalse(node.nood().orElseThrow().open());
    }

    @Test
    void while_cold_weather_mode_covers_the_location_the_desk_cannot_close_it() {
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"sites\":[\"kw-vo\"],\"reason\":\"Vorst\"}").status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.nood().orElseThrow().open());

        ColdWeatherHub.Answer close = hub.post(VO_DESK, KW_VO, CLOSE);

        assertEquals(409, close.status());
        assertTrue(close.json().get("error").asText().startsWith("De koudweerregeling houdt deze noodbedden open tot "));
        assertFalse(site().get("coldWeatherUntil").isNull());
    }

    @Test
    void every_documented_method_and_status_answers_as_documented() {
        OpenApiDocument document = new OpenApiDocument(hub.send(null, "GET", "/openapi.json", null).json());
        Map<String, List<Supplier<ColdWeatherHub.Answer>>> requests = Map.ofEntries(
                Map.entry("get " + LIST + " 200", List.of(() -> hub.get(VO_DESK, LIST))),
                Map.entry("get " + LIST + " 401", List.of(() -> hub.get(null, LIST))),
                Map.entry("get " + LIST + " 403", List.of(() -> hub.get(CT, LIST))),
                Map.entry("post /api/v1/nood/{code} 200", List.of(() -> hub.post(VO_DESK, KW_VO, OPEN))),
                Map.entry("post /api/v1/nood/{code} 400", List.of(() -> hub.post(VO_DESK, KW_VO, "{\"open\":true}"))),
                Map.entry("post /api/v1/nood/{code} 401", List.of(() -> hub.post(null, KW_VO, OPEN))),
                Map.entry("post /api/v1/nood/{code} 403", List.of(() -> hub.post(VEILIG_THUIS, KW_VO, OPEN),
                        () -> hub.post(VO_DESK, "/api/v1/nood/amergaard", OPEN))),
                Map.entry("post /api/v1/nood/{code} 404", List.of(() -> hub.post(VO_DESK, "/api/v1/nood/nope", OPEN))),
                Map.entry("post /api/v1/nood/{code} 409", List.of(() -> hub.post(VO_DESK, "/api/v1/nood/kw-vo",
                        "{\"open\":false,\"reason\":\"Doorgeplaatst\"}"))));
        TreeSet<String> documented = new TreeSet<>();
        // The close that answers 409 comes after the open (200) was confirmed and a first close took it back.
        assertEquals(200, hub.post(VO_DESK, KW_VO, OPEN).status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.nood().orElseThrow().open());
        assertEquals(200, hub.post(VO_DESK, KW_VO, CLOSE).status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> site().get("asked").isNull());

        for (OpenApiDocument.Case each : document.cases(DeskNoodApiTest.class, List.of("get", "post"))) {
            documented.add(each.key());
            List<Supplier<ColdWeatherHub.Answer>> calls = requests.get(each.key());
            assertNotNull(calls, "no request for " + each.key());
            for (Supplier<ColdWeatherHub.Answer> call : calls) {
                if (each.key().endsWith(" 200") && each.key().startsWith("post")) {
                    continue; // checked last: an open changes what the 409 case needs
                }
                check(document, each, call.get());
            }
        }
        for (OpenApiDocument.Case each : document.cases(DeskNoodApiTest.class, List.of("post"))) {
            if (each.key().endsWith(" 200")) {
                check(document, each, requests.get(each.key()).get(0).get());
            }
        }

        assertEquals(new TreeSet<>(requests.keySet()), documented, "every case is documented, and only these");
    }

    private static void check(OpenApiDocument document, OpenApiDocument.Case each, ColdWeatherHub.Answer answer) {
        assertEquals(Integer.parseInt(each.key().substring(each.key().lastIndexOf(' ') + 1)), answer.status(),
                each.key() + ": " + answer.body());
        document.validate(each.response().get("content").get("application/json").get("schema"), answer.json(), each.key());
    }

    private JsonNode site() {
        for (Iterator<JsonNode> sites = hub.get(VO_DESK, LIST).json().get("locations").elements(); sites.hasNext(); ) {
            JsonNode site = sites.next();
            if (site.get("site").asText().equals("kw-vo")) {
                return site;
            }
        }
        throw new IllegalStateException("no kw-vo for the desk");
    }
}
