package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules shipped in deploy/prometheus (docs/DESIGN.md §9) name only metrics and labels a real hub exports: a
 * renamed metric would otherwise leave an alert that can never fire.
 */
class OpvangAlertsTest {
    /** Series Prometheus makes itself, not the hub. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring", "bool",
            "group_left", "group_right", "offset");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{([^}]*)\\})?\\s*(\\()?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? ");

    @TempDir
    Path dataDir;

    private static Path rulesFile() {
        return SecuredBroker.deployBroker().getParent().resolve("prometheus/opvang-alerts.yml");
    }

    @Test
    void every_metric_and_label_in_the_alert_rules_is_exported_by_a_running_hub() throws Exception {
        Map<String, Set<String>> exported = scrape();
        List<String> expressions = expressions();
        List<String> problems = new ArrayList<>();

        for (String expression : expressions) {
            String withoutRanges = expression.replaceAll("\\[[^\\]]*\\]", "");
            Matcher selector = SELECTOR.matcher(withoutRanges);
            while (selector.find()) {
                String name = selector.group(1);
                boolean function = selector.group(4) != null && selector.group(2) == null;
                if (function || KEYWORDS.contains(name) || PROMETHEUS_OWN.contains(name)) {
                    continue;
                }
                if (!exported.containsKey(name)) {
                    problems.add(name + " (in " + expression + ") is not exported");
                    continue;
                }
                Matcher matcher = MATCHER.matcher(selector.group(3) == null ? "" : selector.group(3));
                while (matcher.find()) {
                    String pair = matcher.group(1) + "=" + matcher.group(3);
                    if (matcher.group(2).equals("=") && !exported.get(name).contains(pair)) {
                        problems.add(name + "{" + pair + "} (in " + expression + ") is not exported");
                    }
                }
            }
        }

        assertTrue(expressions.size() >= 5, "rules found: " + expressions);
        assertEquals(List.of(), problems);
    }

    @Test
    void the_rules_cover_the_faults_operators_must_hear_about() throws Exception {
        String all = String.join("\n", expressions());

        for (String metric : List.of("opvang_nodes{freshness=\"offline\"}", "opvang_free_places{kind=\"crisis\"}",
                "increase(opvang_store_failures_total[5m])", "opvang_broker_connected == 0", "opvang_ingest_queue",
                "increase(opvang_conflicts_total[15m])")) {
            assertTrue(all.contains(metric), metric + " has no rule");
        }
    }

    @Test
    void promtool_accepts_the_rules() throws Exception {
        Tools.require("/usr/bin/promtool");

        String output = SecuredBroker.run(dataDir, null, List.of("/usr/bin/promtool", "check", "rules", rulesFile().toString()));

        assertTrue(output.contains("SUCCESS"), output);
        assertFalse(output.contains("FAILED"), output);
    }

    @Test
    void the_alerts_fire_on_series_shaped_like_the_hubs_and_only_after_their_for_time() throws Exception {
        Tools.require("/usr/bin/promtool");
        Path tests = rulesFile().resolveSibling("opvang-alerts.test.yml");

        String output = SecuredBroker.run(dataDir, null, List.of("/usr/bin/promtool", "test", "rules", tests.toString()));

        assertTrue(output.contains("SUCCESS"), output);
        assertFalse(output.contains("FAILED"), output);
    }

    private static List<String> expressions() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(rulesFile().toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                expressions.add(rule.get("expr").asText());
            }
        }
        return expressions;
    }

    /** Metric name → the {@code label=value} pairs seen on it, from a real hub's {@code GET /metrics}. */
    private Map<String, Set<String>> scrape() throws Exception {
        // No nodes enrolled: empty broker users (broker-config's files) let the embedded broker start outside the demo.
        Files.createDirectories(dataDir.resolve("broker"));
        Files.writeString(dataDir.resolve("broker").resolve(BrokerConfig.PASSWORD_FILE), "");
        Files.writeString(dataDir.resolve("broker").resolve(BrokerConfig.ACL_FILE), "");
        HubConfig config = HubConfig.builder().loopbackAnyPorts().data(dataDir).build();
        String body;
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            body = response.body();
        }
        Map<String, Set<String>> exported = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> pairs = exported.computeIfAbsent(sample.group(1), key -> new HashSet<>());
            Matcher matcher = MATCHER.matcher(sample.group(3) == null ? "" : sample.group(3));
            while (matcher.find()) {
                pairs.add(matcher.group(1) + "=" + matcher.group(3));
            }
        }
        return exported;
    }
}
