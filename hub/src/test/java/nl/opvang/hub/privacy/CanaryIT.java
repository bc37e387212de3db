package nl.opvang.hub.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.TurnAwayReason;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §5: "Tests seed a canary address into a secret location's node config and assert it appears in no
 * topic, log line, metric, SSE frame, export, backup or API answer." The hub runs as its own process (its whole output
 * captured) on a Mosquitto process; a real node (the device's code) serves the test location, here marked secret, with
 * a canary address in its config. Real traffic: check-ins with pass numbers, a turn-away, a CT request accepted at the
 * node with instructions, a Veilig Thuis referral with safety notes accepted by the VO desk, break-glass by CT. Then everything the hub hands out or keeps is read, as every role and
 * without credentials, and searched for the canary and the pass numbers; positive checks make sure the crawl saw real
 * content.
 */
class CanaryIT {
    private static final String CANARY = "Kanariestraat 13-CANARY-7f3a";
    private static final List<String> PASSES = List.of("770055881", "770055882", "770055883");
    private static final String INSTRUCTIONS = "Kom naar het politiebureau; daar haalt de nachtdienst u op";
    /** Veilig Thuis's safety notes and the VO desk's answer to its referral (issue 14). */
    private static final String NOTES = "Notes-canary-5e1: partner kent het werkadres";
    private static final String VT_INSTRUCTIONS = "Meld u bij de politie Stadsring; de VO haalt u op (vt-canary-91c)";
    private static final String CONTACT_DESK = "Nachtdienst, vraag naar de coördinator";
    private static final Map<String, Object> CONTACT = Map.of("desk", CONTACT_DESK,
            "phones", List.of(Map.of("number", "088 000 0201", "note", "24/7")));
    /** The secret location's name: counts and its 24/7 phone only on the topic every node reads, no metrics label. */
    private static final String SECRET_NAME = "Testlocatie";
    private static final String SECRET_PHONE = "088 000 0200";
    private static final String REASON = "Cliënte in acuut gevaar, overleg met de locatie nodig";
    private static final String REGION = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                municipalities: [Amersfoort]
                locations:
                  - code: test
                    name: Testlocatie
                    provider: Kwintes
                    municipality: Amersfoort
                    phone: "088 000 0200 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women, families]
                    nodes:
                      - code: test-1
                        beds:
                          - {kind: regular, codes: [T1-T4]}
                          - {kind: crisis, codes: [T5]}
            """;
    private static final List<String> ACCOUNTS = List.of("ct", "veiligthuis", "vo-desk", "admin", "nacht-test",
            "privacy");
    private static final Pattern GET_ROUTE = Pattern.compile("routes\\.get\\(\"([^\"]+)\"");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    /** Everything read, by where it came from; searched at the end. */
    private final Map<String, String> seen = new LinkedHashMap<>();
    /** The bearer tokens of the crawl: kept hashed at the hub, so they too must appear nowhere (FAULTS S16). */
    private final List<String> tokens = new ArrayList<>();
    /** The hold the VO desk made for the referral: no other role may learn of it. */
    private String deskHold;

    @Test
    void the_canary_address_and_the_pass_numbers_reach_no_topic_log_metric_stream_export_backup_or_answer() throws Exception {
        Tools.require("mosquitto");
        Path hubData = dir.resolve("hub-data");
        Path region = Files.writeString(dir.resolve("secret.yaml"), REGION);
        List<String> mqtt = Collections.synchronizedList(new ArrayList<>());
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            MqttClient capture = new MqttClient(broker.url(), "canary-capture", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            capture.connect(options);
            capture.subscribe("#", 1, (topic, message) ->
                    mqtt.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));
            try (HubProcess hub = HubProcess.start(dir, "--demo", "--mqtt-url", broker.url(), "--http-port", "0",
                    "--data", hubData.toString(), "--region", region.toString(), "--http-rate-limit", "0");
                 Node node = Node.start(nodeConfig(broker.url(), dir.resolve("node")), Clock.systemUTC())) {
                assertEquals(CANARY, node.config().address(), "the canary is in the secret location's node config");
                HubClient api = new HubClient(hub.httpPort());
                await().atMost(Duration.ofSeconds(20)).until(() -> node.hubConnected() && node.pendingCount() == 0);
                trafficAt(node, api);

                crawl(api);
                tokens.addAll(api.tokens());
                // Metrics: a listener of their own (issue 11); the web port, behind the reverse proxy, serves none.
                seen.put("metrics listener GET /metrics", scrape(hub.metricsPort()));
                seen.put("hub log", hub.log());
                HubProcess.Result backup = HubProcess.run(dir, Duration.ofSeconds(60), "backup", "--data",
                        hubData.toString(), "--to", dir.resolve("hub-backup.db").toString());
                assertEquals(0, backup.exitCode(), backup.output());
                seen.put("backup command output", backup.output());
                seen.put("backup file", bytes(dir.resolve("hub-backup.db")));
                seen.put("hub log after the backup", hub.log());
            }
            capture.disconnect();
            capture.close();
        }
        seen.put("MQTT traffic on #", String.join("\n", mqtt));
        try (Stream<Path> files = Files.walk(hubData)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                seen.put("hub data file " + hubData.relativize(file), bytes(file));
            }
        }

        for (Map.Entry<String, String> each : seen.entrySet()) {
            assertFalse(each.getValue().contains(CANARY) || each.getValue().contains("CANARY-7f3a")
                    || each.getValue().contains("Kanariestraat"), "the canary address leaked into " + each.getKey());
            for (String pass : PASSES) {
                assertFalse(each.getValue().contains(pass), "pass number " + pass + " leaked into " + each.getKey());
            }
            for (String token : tokens) {
                assertFalse(each.getValue().contains(token), "a bearer token leaked into " + each.getKey());
            }
        }
        assertEquals(ACCOUNTS.size(), tokens.size(), "every account logged in");
        assertSawRealContent(mqtt);
        assertSecretLocationUnnamedOnCountsAndMetrics(mqtt);
        assertReferralTextsStayWithTheirReaders();
    }

    /**
     * Issues 11 and 15: the counts every node and kiosk reads carry the secret location as counts with its 24/7 phone
     * (no name, no code), and the metrics give its node no identifying label.
     */
    private void assertSecretLocationUnnamedOnCountsAndMetrics(List<String> mqtt) {
        List<String> counts = mqtt.stream().filter(line -> line.startsWith("opvang/v1/hub/counts ")).toList();
        assertFalse(counts.isEmpty(), "the counts topic was read");
        for (String line : counts) {
            // The test location is a VO location (domain vo): it goes by the generic "Vrouwenopvang", never its own name.
            assertTrue(line.contains("\"secretLocations\":[{\"name\":\"Vrouwenopvang\",\"phone\":\"" + SECRET_PHONE), line);
            assertFalse(line.contains(SECRET_NAME) || line.contains("\"code\":\"test\""), "the counts name the secret location: "
                    + line);
        }
        String metrics = seen.get("metrics listener GET /metrics");
        assertTrue(metrics.startsWith("200") && metrics.contains("opvang_node_clock_offset_seconds{node=\"secret-1\"}"),
                "the metrics listener was read: " + metrics);
        assertFalse(metrics.contains("test-1") || metrics.contains(SECRET_NAME), "the metrics name the secret node");
        for (String caller : ACCOUNTS) {
            assertTrue(seen.get(caller + " GET /metrics").startsWith("404"), "the web port serves no metrics");
        }
        assertTrue(seen.get("anonymous GET /metrics").startsWith("404"), "the web port serves no metrics");
    }

    /**
     * Issue 14: the notes reach the VO desk only and the desk's instructions the Veilig Thuis worker only, neither is
     * stored or logged in plain text; no role but the VO desk learns which VO location holds the person.
     */
    private void assertReferralTextsStayWithTheirReaders() {
        assertTrue(seen.entrySet().stream().anyMatch(each -> each.getKey().startsWith("vo-desk GET /api/v1/referrals")
                && each.getValue().contains(NOTES)), "the desk read the notes");
        assertTrue(seen.entrySet().stream().anyMatch(each -> each.getKey().startsWith("veiligthuis GET /api/v1/referrals/")
                && each.getValue().contains(VT_INSTRUCTIONS)), "the instructions reached the Veilig Thuis worker");
        for (Map.Entry<String, String> each : seen.entrySet()) {
            if (!each.getKey().startsWith("vo-desk GET /api/v1/referrals")) {
                assertFalse(each.getValue().contains("Notes-canary-5e1"), "the notes leaked into " + each.getKey());
            }
            if (!each.getKey().startsWith("veiligthuis GET /api/v1/referrals/")) {
                assertFalse(each.getValue().contains("vt-canary-91c"), "the instructions leaked into " + each.getKey());
            }
            if (each.getKey().contains(" GET /api/v1/referrals") && !each.getKey().startsWith("vo-desk ")) {
                assertFalse(each.getValue().contains("Testlocatie") || each.getValue().contains("\"site\":\"test\""),
                        "which VO location holds the person leaked into " + each.getKey());
            }
            if (each.getKey().contains(" GET /api/v1/holds") && !each.getKey().startsWith("vo-desk ")
                    && !each.getKey().startsWith("nacht-test ")) {
                assertTrue(!each.getValue().contains(deskHold) || each.getValue().startsWith("404"),
                        "the VO desk's hold leaked into " + each.getKey());
            }
        }
    }

    private static String scrape(int port) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.headers().map() + "\n" + response.body();
    }

    /** Check-ins, a turn-away, a CT request and a Veilig Thuis referral accepted with instructions, break-glass by CT. */
    private void trafficAt(Node node, HubClient api) throws Exception {
        node.checkIn("T1", PASSES.get(0), "0307");
        node.checkIn("T2", PASSES.get(1), "passant");
        node.checkOut("T2", PASSES.get(1), "woning");
        node.turnAway(TurnAwayReason.FULL, Kind.REGULAR);
        await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);

        // CT asks the location for a place; the node accepts with instructions (over MQTT).
        HubClient.Answer created = api.send("ct", "POST", "/api/v1/holds", "{\"site\":\"test\",\"kind\":\"regular\"}");
        assertEquals(201, created.status(), created.body());
        UUID hold = UUID.fromString(json.readTree(created.body()).get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> !node.incomingHolds().isEmpty());
        node.acceptHold(hold, "T4", INSTRUCTIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(api.send("ct", "GET",
                "/api/v1/holds/" + hold, null).body()).path("state").asText().equals("accepted"));
        // Veilig Thuis refers to the VO desk with safety notes; the desk accepts onto the secret location's crisis place.
        HubClient.Answer referred = api.send("veiligthuis", "POST", "/api/v1/referrals",
                json.writeValueAsString(Map.of("desk", "Kwintes", "children", 1, "notes", NOTES)));
        assertEquals(201, referred.status(), referred.body());
        String referral = json.readTree(referred.body()).get("id").asText();
        HubClient.Answer placed = api.send("vo-desk", "POST", "/api/v1/referrals/" + referral + "/accept",
                json.writeValueAsString(Map.of("site", "test", "kind", "crisis", "instructions", VT_INSTRUCTIONS)));
        assertEquals(200, placed.status(), placed.body());

        HubClient.Answer contact = api.send("admin", "PUT", "/api/v1/locations/test/contact",
                json.writeValueAsString(CONTACT));
        assertEquals(204, contact.status(), contact.body());
        HubClient.Answer opened = api.send("ct", "POST", "/api/v1/locations/test/break-glass",
                json.writeValueAsString(Map.of("reason", REASON)));
        assertEquals(200, opened.status(), opened.body());
        assertTrue(opened.body().contains(CONTACT_DESK), "break-glass shows CT the contact details: " + opened.body());
        seen.put("break-glass answer", opened.body());
        // A guest of the secret location asks for inzage at its kiosk (issue 17): the export is crawled below.
        node.privacyRequest("access", PASSES.get(1));
        // A second guest stays, and a third checks in on the held place after the answer was read.
        node.checkIn("T3", PASSES.get(2), null);
        // That guest asks for a restriction: carried out before the crawl, so every output is seen with the flag set.
        node.privacyRequest("restriction", PASSES.get(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);
    }

    /** Every GET route of the hub and every path of /openapi.json, as every role and without credentials. */
    private void crawl(HubClient api) throws Exception {
        Set<String> paths = new LinkedHashSet<>();
        JsonNode document = json.readTree(api.send(null, "GET", "/openapi.json", null).body());
        for (Iterator<Map.Entry<String, JsonNode>> entries = document.get("paths").properties().iterator(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getValue().has("get")) {
                paths.add(entry.getKey());
            }
        }
        paths.addAll(registeredGetRoutes());
        List<String> holdIds = new ArrayList<>();
        for (JsonNode each : json.readTree(api.send("ct", "GET", "/api/v1/holds", null).body()).path("holds")) {
            holdIds.add(each.get("id").asText());
        }
        assertEquals(1, holdIds.size(), "CT sees its own request, not the hold the VO desk made");
        for (JsonNode each : json.readTree(api.send("vo-desk", "GET", "/api/v1/holds", null).body()).path("holds")) {
            if (each.get("mine").asBoolean()) {
                holdIds.add(each.get("id").asText());
                deskHold = each.get("id").asText();
            }
        }
        for (JsonNode each : json.readTree(api.send("veiligthuis", "GET", "/api/v1/referrals", null).body())
                .path("referrals")) {
            holdIds.add(each.get("id").asText());
        }
        assertEquals(3, holdIds.size(), "the desk's hold and the referral are crawled too: " + holdIds);
        List<String> privacyIds = new ArrayList<>();
        for (JsonNode each : json.readTree(api.send("privacy", "GET", "/api/v1/privacy/requests", null).body())
                .path("requests")) {
            privacyIds.add(each.get("request").asText());
            if (each.get("right").asText().equals("restriction")) {
                HubClient.Answer restricted = api.send("privacy", "POST", "/api/v1/privacy/requests/"
                        + each.get("request").asText() + "/carry-out", "{}");
                assertEquals(200, restricted.status(), restricted.body());
                seen.put("privacy POST carry-out restriction", restricted.body());
            }
        }
        assertEquals(2, privacyIds.size(), "the privacy officer sees the kiosk's access and restriction requests");
        List<String> urls = new ArrayList<>();
        for (String path : paths) {
            if (path.contains("{code}")) {
                urls.add(path.replace("{code}", "test"));
                urls.add(path.replace("{code}", "nope"));
            } else if (path.startsWith("/api/v1/privacy/") && path.contains("{id}")) {
                privacyIds.forEach(id -> urls.add(path.replace("{id}", id)));
            } else if (path.contains("{id}")) {
                holdIds.forEach(id -> urls.add(path.replace("{id}", id)));
            } else {
                urls.add(path);
            }
        }
        urls.addAll(List.of("/metrics", "/api/v1/availability?kind=crisis", "/api/v1/availability?region=amersfoort",
                "/api/v1/availability?municipality=Amersfoort", "/api/v1/reports/occupancy?weeks=1",
                "/api/v1/reports/occupancy.csv?weeks=1", "/api/v1/audit?action=secret.read", "/admin/audit?action=secret.read"));
        List<String> callers = new ArrayList<>(ACCOUNTS);
        callers.add(null);
        for (String caller : callers) {
            for (String url : urls) {
                String where = (caller == null ? "anonymous" : caller) + " GET " + url;
                HubClient.Answer answer = url.endsWith("/stream")
                        ? api.stream(caller, url, Duration.ofSeconds(5))
                        : api.send(caller, "GET", url, null);
                seen.put(where, answer.status() + " " + answer.headers() + "\n" + answer.body());
            }
        }
        assertTrue(urls.size() > 30, "the crawl covers the hub's paths: " + urls);
    }

    /** The paths registered with {@code routes.get("…")} in the hub's sources, so a new page is crawled too. */
    private static Set<String> registeredGetRoutes() throws IOException {
        Set<String> routes = new LinkedHashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                Matcher route = GET_ROUTE.matcher(Files.readString(source));
                while (route.find()) {
                    routes.add(route.group(1));
                }
            }
        }
        assertTrue(routes.contains("/print") && routes.contains("/api/v1/audit"), "routes found in the sources: " + routes);
        return routes;
    }

    /** The crawl must have seen real content, or the absence of the canary proves nothing. */
    private void assertSawRealContent(List<String> mqtt) {
        assertTrue(mqtt.stream().anyMatch(line -> line.startsWith("opvang/v1/test/test-1/event ")
                && line.contains("\"check_in\"") && line.contains("\"token\":\"k1:")), "check-ins with tokens on the wire");
        assertTrue(mqtt.stream().anyMatch(line -> line.startsWith("opvang/v1/test/test-1/cmd ")), "the hold command");
        assertTrue(mqtt.stream().anyMatch(line -> line.contains("\"hold_accepted\"")), "the acceptance on the wire");
        assertTrue(seen.entrySet().stream().anyMatch(each -> each.getKey().startsWith("privacy GET /api/v1/privacy/requests/")
                && each.getKey().endsWith("/export") && each.getValue().contains("\"found\":true")
                && each.getValue().contains("Vrouwenopvang (") && !each.getValue().contains("test-1")
                && !each.getValue().contains("\"T2\"")), "the export of a guest of the secret location, by its provider only");
        assertTrue(seen.get("privacy POST carry-out restriction").contains("\"restricted\":true"),
                "the restriction was carried out before the crawl");
        // Issue 17: the privacy officer's answers name the secret location only as its provider's vrouwenopvang.
        seen.forEach((where, answer) -> {
            if (where.startsWith("privacy ") && where.contains("/api/v1/privacy/")) {
                assertFalse(answer.contains(SECRET_NAME) || answer.contains("\"test\"") || answer.contains("test-1"),
                        "the secret location named in " + where + ": " + answer);
            }
        });
        String availability = seen.get("ct GET /api/v1/availability");
        assertTrue(availability.startsWith("200") && availability.contains("\"code\":\"test\"")
                && availability.contains("\"crisis\""), "CT sees the secret location's counts: " + availability);
        String stream = seen.get("ct GET /api/v1/availability/stream");
        assertTrue(stream.startsWith("200") && stream.contains("\"code\":\"test\""), "CT's stream: " + stream);
        assertTrue(seen.get("ct GET /api/v1/holds/stream").contains("\"holds\""), seen.get("ct GET /api/v1/holds/stream"));
        assertTrue(seen.entrySet().stream().anyMatch(each -> each.getKey().startsWith("ct GET /api/v1/holds/")
                && each.getValue().contains(INSTRUCTIONS)), "the instructions reached the CT placer");
        assertTrue(seen.get("ct GET /print").startsWith("200") && seen.get("ct GET /print").contains("Testlocatie"),
                "the printable page lists the location for CT");
        assertTrue(seen.get("ct GET /api/v1/reports/availability.csv").startsWith("200"), "the CSV export");
        // Long stays (docs/DESIGN.md §4): the CT and the VO desk read them; Veilig Thuis and night staff are refused.
        assertTrue(seen.get("ct GET /api/v1/long-stays").startsWith("200"), seen.get("ct GET /api/v1/long-stays"));
        assertTrue(seen.get("vo-desk GET /api/v1/long-stays").startsWith("200"), "the VO desk's long stays");
        assertTrue(seen.get("veiligthuis GET /api/v1/long-stays").startsWith("403")
                && seen.get("nacht-test GET /api/v1/long-stays").startsWith("403"), "no long stays for other roles");
        assertTrue(seen.get("ct GET /api/v1/reports/long-stays.csv").startsWith("200"), "the long-stays CSV");
        assertTrue(seen.get("vo-desk GET /api/v1/nood").startsWith("200")
                && seen.get("veiligthuis GET /api/v1/nood").startsWith("403"), "the VO desk's noodbedden, its own only");
        assertTrue(seen.get("admin GET /api/v1/audit").contains(REASON), "the audit API shows the break-glass reason");
        assertTrue(seen.get("metrics listener GET /metrics").contains("opvang_"), "metrics were read");
        assertTrue(seen.get("anonymous GET /api/v1/availability").startsWith("401"), "no answer without credentials");
        assertTrue(seen.get("hub log").contains("opvang-hub ready"), "the hub's log was read");
        assertTrue(seen.get("backup file").contains("test-1"), "the backup holds the node's events");
        // The hub was killed, so the latest rows may still sit in the write-ahead log beside hub.db.
        String database = seen.entrySet().stream().filter(each -> each.getKey().startsWith("hub data file hub.db"))
                .map(Map.Entry::getValue).reduce("", String::concat);
        assertTrue(database.contains("test-1") && database.contains("k1:"), "the hub's database files were read: "
                + seen.keySet());
    }

    private static NodeConfig nodeConfig(String brokerUrl, Path nodeData) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        return NodeConfig.simulated("test", "test-1", brokerUrl, nodeData, beds, List.of()).withAddress(CANARY);
    }

    /** Bytes as text, one character per byte, so that an ASCII canary is found wherever it sits in a file. */
    private static String bytes(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
