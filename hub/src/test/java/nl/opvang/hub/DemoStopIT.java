package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.hub.testkit.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 10, the demo as a first impression, as its own process: the start-up names the page of every role with
 * the account to log in as, and no audit head among it; stopped (SIGTERM, as Ctrl-C) with six streams open (what a
 * few browser tabs hold), it ends in a few quiet lines, and its fresh data folder is gone.
 */
class DemoStopIT {
    private static final Pattern FOLDER = Pattern.compile("Data folder \\(fresh\\): (\\S+)");

    @TempDir
    Path dir;

    @Test
    void the_demo_names_every_roles_page_and_stops_quietly_with_streams_open_leaving_no_data_folder() throws Exception {
        HubProcess hub = HubProcess.start(dir, "--demo", "--http-port", "0", "--mqtt-port", "0");
        List<InputStream> streams = new ArrayList<>();
        try {
            String log = hub.log();
            String base = "http://localhost:" + hub.httpPort();
            for (String[] page : new String[][] {{"/", "ct"}, {"/vt", "veiligthuis"}, {"/vo", "vo-desk"},
                {"/admin", "admin"}, {"/report", "ct"}, {"/print", "ct"}}) {
                Matcher line = Pattern.compile("\\s" + Pattern.quote(base + page[0]) + "\\s+" + Pattern.quote(page[1])
                        + "\\b").matcher(log);
                assertTrue(line.find(), "the page " + page[0] + " with account " + page[1] + ":\n" + log);
            }
            assertFalse(log.contains("audit anchor"), "no audit heads in the demo's output:\n" + log);
            Matcher folder = FOLDER.matcher(log);
            assertTrue(folder.find(), log);
            Path data = Path.of(folder.group(1));
            assertTrue(Files.isDirectory(data), data.toString());

            HttpClient http = HttpClient.newHttpClient();
            String token = login(http, base);
            for (int i = 0; i < 3; i++) {
                streams.add(open(http, base + "/api/v1/availability/stream", token, "event: snapshot"));
                streams.add(open(http, base + "/api/v1/holds/stream", token, "event: holds"));
            }
            long before = hub.log().lines().count();

            int exit = hub.stop();
            String after = hub.log().lines().skip(before).reduce("", (text, line) -> text + line + "\n");
            assertTrue(exit == 0 || exit == 143, "a clean stop: " + exit);
            assertTrue(after.contains("opvang-hub stopped"), after);
            assertTrue(after.lines().count() < 30, "a few lines on stop, not stack traces:\n" + after.substring(0,
                    Math.min(after.length(), 5000)));
            assertFalse(after.contains("Exception"), after);
            assertFalse(Files.exists(data), "the demo's fresh data folder is removed: " + data);
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
            hub.close();
        }
    }

    private static String login(HttpClient http, String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\",\"totp\":\"\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).get("token").asText();
    }

    /** Opens a stream as a browser tab would and reads up to its first event; the stream stays open. */
    private static InputStream open(HttpClient http, String url, String token, String first) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.equals(first));
        assertEquals(first, line, url);
        return response.body();
    }
}
