package nl.opvang.hub.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 14 item 1: an admin edits whom a location's places are for on /admin. Real hub (the seed region, its demo
 * accounts), its HTTP API and a real headless Chromium: validated, audited, shown on the availability views at once,
 * kept across a restart (the region file no longer replaces an edited location's groups).
 */
class GroupEditTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path data;

    private Hub start() {
        return Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).httpRateLimit(0).build(),
                Clock.systemUTC());
    }

    @Test
    void an_admin_edits_a_locations_groups_and_every_view_shows_them_bad_input_changes_nothing() {
        try (Hub hub = start()) {
            ApiClient api = new ApiClient(hub::httpPort, "demo");
            api.logIn("admin");
            api.logIn("ct");
            JsonNode vo = location(ApiClient.parse(api.get("/api/v1/admin/groups", "admin")), "kw-vo");
            assertEquals("[\"women\",\"families\"]", vo.get("groups").toString(), "from the region file");
            assertEquals("[\"women\",\"families\",\"trafficking\"]", vo.get("groupsByKind").get("regular").toString());
            assertTrue(vo.get("editedAt").isNull());

            HttpResponse<String> edited = api.put("/api/v1/locations/smallepad/groups", "admin",
                    "{\"groups\":[\"pets\",\"men\"],\"groupsByKind\":{\"regular\":[\"men\",\"wheelchair\"]}}");
            assertEquals(200, edited.statusCode(), edited.body());
            assertEquals("[\"men\",\"pets\"]", ApiClient.parse(edited).get("groups").toString(), "in the hub's order");
            JsonNode shown = location(ApiClient.parse(api.get("/api/v1/availability", "ct")), "smallepad");
            assertEquals("[\"men\",\"pets\"]", shown.get("groups").toString(), "the CT's availability at once");
            assertEquals("[\"men\",\"wheelchair\"]", shown.get("kinds").get(0).get("groups").toString());
            assertEquals(List.of("smallepad"), codes(ApiClient.parse(api.get("/api/v1/availability?group=wheelchair",
                    "ct"))), "filterable by the new group: the regular places are for wheelchairs now");
            assertEquals(List.of(), codes(ApiClient.parse(api.get("/api/v1/availability?group=pets", "ct"))),
                    "smallepad's only kind has groups of its own, without pets");

            Map<String, Integer> bad = Map.of(
                    "{\"groups\":[\"dogs\"]}", 400,
                    "{\"groups\":[\"men\",\"men\"]}", 400,
                    "{\"groups\":[\"men\"],\"groupsByKind\":{\"crisis\":[\"men\"]}}", 400,
                    "{\"groups\":\"men\"}", 400,
                    "geen json", 400);
            bad.forEach((body, status) -> {
                HttpResponse<String> refused = api.put("/api/v1/locations/smallepad/groups", "admin", body);
                assertEquals(status, refused.statusCode(), body + " → " + refused.body());
                assertTrue(ApiClient.parse(refused).get("error").asText().matches("[A-Z][^{}]+"), refused.body());
            });
            assertEquals(404, api.put("/api/v1/locations/nergens/groups", "admin", "{\"groups\":[]}").statusCode());
            assertEquals(403, api.put("/api/v1/locations/smallepad/groups", "ct", "{\"groups\":[]}").statusCode());
            assertEquals("[\"men\",\"pets\"]", location(ApiClient.parse(api.get("/api/v1/availability", "ct")),
                    "smallepad").get("groups").toString(), "nothing changed");
            String audit = api.get("/api/v1/audit", "admin").body();
            assertTrue(audit.contains("location.groups") && audit.contains("groups=men,pets regular=men,wheelchair"),
                    audit);
        }
        try (Hub again = start()) {
            ApiClient api = new ApiClient(again::httpPort, "demo");
            api.logIn("ct");
            assertEquals("[\"men\",\"pets\"]", location(ApiClient.parse(api.get("/api/v1/availability", "ct")),
                    "smallepad").get("groups").toString(), "kept across a restart: the region file no longer decides");
            assertEquals("[\"men\",\"women\"]", location(ApiClient.parse(api.get("/api/v1/availability", "ct")),
                    "amergaard").get("groups").toString(), "an unedited location still follows the file");
        }
    }

    @Test
    void on_the_admin_page_an_admin_ticks_a_group_and_saves_it() {
        Hub hub = chromium.serving(start());
        ChromeDriver browser = chromium.driver();
        chromium.reset(1366, 768);
        java.net.URI base = java.net.URI.create("http://127.0.0.1:" + hub.httpPort() + "/");
        chromium.logIn(base, "admin", "demo");
        browser.get(base.resolve("/admin").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> "true".equals(page.findElement(By.tagName("body"))
                .getAttribute("data-groups-loaded")));
        new Select(browser.findElement(By.id("groups-location"))).selectByVisibleText("Amergaard");
        browser.findElement(By.id("group-pets")).click();
        browser.findElement(By.id("kind-nood-wheelchair")).click();
        browser.findElement(By.xpath("//button[text()='Doelgroepen opslaan']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("notice")).getText()
                .equals("De doelgroepen van Amergaard zijn opgeslagen."));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> row(page, "amergaard").contains("mannen, vrouwen, huisdieren"));
        assertTrue(row(browser, "amergaard").contains("noodbed: rolstoel"), row(browser, "amergaard"));
        browser.executeScript("document.getElementById('groups-title').scrollIntoView();");
        chromium.screenshot("admin-groups-1366");
        browser.executeScript("document.getElementById('groups-form').scrollIntoView();");
        chromium.screenshot("admin-groups-form-1366");
        assertEquals(List.of(), chromium.violations(), "admin page with the groups");

        ApiClient api = new ApiClient(hub::httpPort, "demo");
        api.logIn("ct");
        JsonNode amergaard = location(ApiClient.parse(api.get("/api/v1/availability", "ct")), "amergaard");
        assertEquals("[\"men\",\"women\",\"pets\"]", amergaard.get("groups").toString());
    }

    private static String row(org.openqa.selenium.WebDriver page, String code) {
        return page.findElement(By.cssSelector("#groups tr[data-code='" + code + "']")).getText();
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("locations").forEach(each -> codes.add(each.get("code").asText()));
        return codes;
    }

    private static JsonNode location(JsonNode answer, String code) {
        List<String> codes = new ArrayList<>();
        for (JsonNode each : answer.get("locations")) {
            codes.add(each.get("code").asText());
            if (each.get("code").asText().equals(code)) {
                return each;
            }
        }
        throw new AssertionError("no " + code + " in " + codes);
    }
}
