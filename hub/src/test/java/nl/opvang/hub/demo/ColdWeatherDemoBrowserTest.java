package nl.opvang.hub.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.testkit.Browser;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue #13's "done when" for cold-weather mode, in a real headless Chromium against the demo (hub on a hand-moved
 * clock, embedded broker, simulated nodes and the Amergaard kiosk, all in this process): CT switches the mode on from
 * the CT page; within 5 s Amergaard's 4 noodbedden are open on its kiosk and in {@code /api/v1/availability}; at the
 * end time they close by themselves.
 */
class ColdWeatherDemoBrowserTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @TempDir
    Path dataDir;
    MutableClock clock;
    Hub hub;
    Demo demo;
    Browser chromium;
    ChromeDriver browser;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startDemoAndBrowser() {
        chromium = Browser.start();
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dataDir).build(), clock);
        // A quiet simulation: the test, not chance, decides who sleeps where.
        demo = Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(), Duration.ofHours(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.inProcess().projection().snapshot().locations().values()
                .stream().filter(location -> !location.code().equals(Demo.TEST_SITE))
                .allMatch(location -> location.freshness() == Freshness.LIVE));
        browser = chromium.driver();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.reset(1280, 900);
        }
        if (demo != null) {
            demo.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void ct_switches_cold_weather_mode_on_amergaards_noodbedden_open_on_its_kiosk_and_close_by_themselves_at_the_end() {
        assertEquals(0, amergaardNood().get("capacity").asInt(), "closed until opened");
        String kioskTab = browser.getWindowHandle();
        browser.get(demo.kioskUri().orElseThrow().toString());
        browser.findElement(By.id("pin")).sendKeys(Demo.KIOSK_PIN);
        browser.findElement(By.cssSelector("#pin-form button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#counts").contains("Noodbed: 0"));

        browser.switchTo().newWindow(WindowType.TAB);
        String ctTab = browser.getWindowHandle();
        URI ct = URI.create("http://127.0.0.1:" + hub.httpPort() + "/");
        chromium.logIn(ct, "ct", "demo");
        browser.get(ct.toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather")).isDisplayed());
        // The end twenty minutes from now on the hub's clock, in Amersfoort's time as the field takes it.
        LocalDateTime end = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(20)), AMSTERDAM)
                .truncatedTo(ChronoUnit.MINUTES);
        browser.executeScript("var field = document.getElementById('cold-weather-until'); field.value = arguments[0];"
                + " field.dispatchEvent(new Event('input'));", end.toString());
        browser.findElement(By.id("cold-weather-reason")).sendKeys("Vorst, KNMI code oranje");
        browser.findElement(By.id("cold-weather-on")).click();
        long clicked = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> amergaardNood().get("capacity").asInt() == 4);
        browser.switchTo().window(kioskTab);
        chromium.waitUpTo(Duration.ofMillis(Math.max(1, 5000 - (System.nanoTime() - clicked) / 1_000_000)))
                .until(page -> text("#counts").contains("Noodbed: 4"));
        chromium.screenshot("cold-weather-demo-kiosk-open");
        JsonNode nood = amergaardNood();
        assertEquals("nood", nood.get("kind").asText());
        assertEquals(4, nood.get("capacity").asInt());
        assertEquals(4, nood.get("free").asInt());

        browser.switchTo().window(ctTab);
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#cold-weather-nodes li[data-site='amergaard']")
                .equals("Amergaard: Open, bevestigd"));
        assertTrue(text("#cold-weather-banner").startsWith("Koudweerregeling actief tot "), text("#cold-weather-banner"));
        assertEquals(List.of(), chromium.violations(), "CT page with the mode on in the demo");
        chromium.screenshot("cold-weather-demo-ct-on");

        clock.advance(Duration.ofMinutes(21));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> amergaardNood().get("capacity").asInt() == 0);
        browser.switchTo().window(kioskTab);
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> text("#counts").contains("Noodbed: 0"));
        chromium.screenshot("cold-weather-demo-kiosk-closed");
        browser.switchTo().window(ctTab);
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertTrue(text("#cold-weather-state").endsWith("(eindtijd)."), text("#cold-weather-state"));
    }

    /** Amergaard's nood places in {@code GET /api/v1/availability}, as CT reads them (a fresh login: the clock moves). */
    private JsonNode amergaardNood() {
        JsonNode answer = get("/api/v1/availability?kind=nood", login());
        for (JsonNode location : answer.get("locations")) {
            if (location.get("code").asText().equals(Demo.KIOSK_SITE)) {
                return location.get("kinds").get(0);
            }
        }
        throw new IllegalStateException("Amergaard is not in the availability answer: " + answer);
    }

    private String login() {
        try {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ct\",\"password\":\"demo\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(login.body()).get("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private String text(String selector) {
        Object text = browser.executeScript("var node = document.querySelector(arguments[0]);"
                + " return node ? node.textContent : '';", selector);
        return String.valueOf(text).strip();
    }
}
