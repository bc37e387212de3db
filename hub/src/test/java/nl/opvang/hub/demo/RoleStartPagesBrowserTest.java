package nl.opvang.hub.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Phone;
import nl.opvang.hub.testkit.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue #15 items 1 and 3 in a real headless Chromium against the demo (hub, embedded broker and simulated nodes in
 * this process, every location live): each demo role logs in through {@code /login} and lands on its own page, with
 * the account bar (name, role, the pages it may open, "Uitloggen"); {@code /} sends it there too; the VO desk and
 * night staff see no control they may not use; every phone on {@code /vt} and {@code /} is a {@code tel:} link to the
 * right number.
 */
class RoleStartPagesBrowserTest {
    static Browser chromium;
    @TempDir
    static Path dataDir;
    static Hub hub;
    static Demo demo;
    ChromeDriver browser;

    /** One demo role: where it lands, what the bar says, the pages it links to. */
    record Expected(String username, String startPage, String who, List<String> links) {
    }

    static final List<Expected> ROLES = List.of(
            new Expected("ct", "/", "Centrale Toegang (demo) · CT", List.of("/", "/vt", "/vo", "/report", "/monitor",
                    "/print")),
            new Expected("veiligthuis", "/vt", "Veilig Thuis (demo) · Veilig Thuis", List.of("/vt")),
            new Expected("vo-desk", "/vo", "VO-loket Kwintes (demo) · VO-loket", List.of("/vo", "/ct")),
            new Expected("nacht-amergaard", "/vo", "Nachtdienst Amergaard (demo) · Nachtdienst", List.of("/vo", "/ct")),
            new Expected("admin", "/admin", "Beheerder (demo) · Beheerder", List.of("/admin", "/admin/audit")),
            new Expected("privacy", "/privacy", "Privacyfunctionaris gemeente (demo) · Privacyfunctionaris",
                    List.of("/privacy")),
            new Expected("gemeente", "/monitor", "Beleid centrumgemeente (demo) · Gemeente", List.of("/monitor")));

    @BeforeAll
    static void startDemoAndBrowser() {
        chromium = Browser.start();
        // One browser plays five users in a minute from one address: the per-address rate limit is off.
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dataDir).httpRateLimit(0).build(),
                Clock.systemUTC());
        demo = Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(), Duration.ofHours(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.inProcess().projection().snapshot().locations().values().stream()
                .filter(location -> !location.code().equals(Demo.TEST_SITE))
                .allMatch(location -> location.freshness() == Freshness.LIVE));
    }

    @AfterAll
    static void stopDemoAndBrowser() {
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

    @AfterEach
    void resetBrowser() {
        chromium.reset(1280, 900);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    private WebElement bar() {
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(By.cssSelector("nav.account-bar")).isEmpty());
        return browser.findElement(By.cssSelector("nav.account-bar"));
    }

    private List<String> barLinks() {
        return bar().findElements(By.cssSelector(".account-pages a")).stream()
                .map(link -> URI.create(link.getAttribute("href")).getPath()).toList();
    }

    /** Opens the account bar's menu where the bar folds it away (a phone); on a wider screen it is open already. */
    private void openMenu() {
        WebElement toggle = bar().findElement(By.className("account-toggle"));
        if (toggle.isDisplayed()) {
            toggle.click();
            chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> bar().findElement(By.className("account-logout"))
                    .isDisplayed());
            assertEquals("true", toggle.getAttribute("aria-expanded"));
        }
    }

    @Test
    void every_demo_role_lands_on_its_own_page_with_its_name_role_pages_and_a_working_logout() {
        for (Expected role : ROLES) {
            for (int[] size : new int[][] {{1366, 768}, {390, 844}}) {
                chromium.reset(size[0], size[1]);
                browser = chromium.driver();
                chromium.logIn(uri("/"), role.username(), "demo");
                chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !path().equals("/login"));
                assertEquals(role.startPage(), path(), role.username() + " lands on its start page");
                WebElement bar = bar();
                assertEquals(role.who(), bar.findElement(By.className("account-who")).getText(), role.username());
                assertEquals(role.links(), barLinks(), role.username() + "'s pages");
                if (size[0] == 390) {
                    // One line on a phone (issue 15); the pages, the sound switch and Uitloggen are behind "Menu".
                    chromium.screenshot("start-" + role.username() + "-390-closed");
                    assertTrue(bar.getRect().getHeight() <= 56, role.username() + ": bar " + bar.getRect().getHeight()
                            + " px high on a phone");
                    assertFalse(bar.findElement(By.className("account-logout")).isDisplayed());
                    openMenu();
                }
                assertEquals("Uitloggen", bar.findElement(By.className("account-logout")).getText());
                assertEquals(role.startPage(), URI.create(bar.findElement(
                        By.cssSelector("a[aria-current=page]")).getAttribute("href")).getPath(), "the page itself is marked");
                chromium.screenshot("start-" + role.username() + "-" + size[0]);
                assertEquals(List.of(), chromium.violations(), role.username() + " on " + role.startPage() + " at " + size[0]);
            }

            // "/" sends the role to its own start page; every page it links to opens, with the same bar, and passes axe.
            browser.get(uri("/").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> path().equals(role.startPage()));
            for (String link : role.links()) {
                browser.get(uri(link).toString());
                assertEquals(role.links(), barLinks(), role.username() + " on " + link);
                assertFalse(browser.getTitle().contains("Geen toegang"), role.username() + " may open " + link);
                chromium.screenshot("bar-" + role.username() + link.replace('/', '-') + "-390");
                assertEquals(List.of(), chromium.violations(), role.username() + " on " + link + " at 390");
            }

            // Uitloggen ends the session: the login page, and the start page asks for a login again.
            browser.get(uri(role.startPage()).toString());
            openMenu();
            bar().findElement(By.className("account-logout")).click();
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> path().equals("/login"));
            browser.get(uri(role.startPage()).toString());
            assertEquals("/login", path(), role.username() + " is logged out");
        }
    }

    @Test
    void veilig_thuis_never_gets_the_ct_page_and_vo_desk_and_night_staff_see_no_request_buttons() {
        chromium.reset(1366, 768);
        browser = chromium.driver();
        chromium.logIn(uri("/"), "veiligthuis", "demo");
        browser.get(uri("/ct").toString());
        assertEquals("/vt", path(), "Veilig Thuis is sent to its own page, also from /ct");
        assertTrue(browser.findElements(By.id("alert-list")).isEmpty(), "no CT alerts on the VT page");

        chromium.reset(1366, 768);
        chromium.logIn(uri("/"), "ct", "demo");
        waitForRows();
        assertFalse(browser.findElements(By.cssSelector("td.request button")).isEmpty(), "CT may ask: the buttons are there");

        for (String username : List.of("vo-desk", "nacht-amergaard")) {
            chromium.reset(1366, 768);
            chromium.logIn(uri("/"), username, "demo");
            browser.get(uri("/ct").toString());
            waitForRows();
            assertEquals(List.of(), browser.findElements(By.cssSelector("td.request")), username + ": no request cell");
            assertTrue(browser.findElements(By.xpath("//button[normalize-space()='Aanvragen']")).isEmpty(), username);
            assertEquals(8, browser.findElements(By.cssSelector("#locations thead th")).size(), "no Aanvraag column");
            assertFalse(browser.findElement(By.id("cold-weather")).isDisplayed(), username + ": no cold-weather switch");
            assertFalse(browser.findElement(By.id("waitlist")).isDisplayed(), username + ": no waiting list");
            assertFalse(browser.findElement(By.id("capacity")).isDisplayed(), username + ": no capacity changes");
            chromium.screenshot("ct-page-as-" + username + "-1366");
            assertEquals(List.of(), chromium.violations(), "CT page as " + username);
        }
    }

    @Test
    void every_phone_on_the_vt_and_ct_pages_is_a_tel_link_to_the_number_without_its_note() {
        Map<String, String> dialled = hub.inProcess().registry().locations().stream()
                .collect(Collectors.toMap(Location::code, location -> "tel:" + Phone.dialled(location.phone())));
        chromium.reset(390, 844);
        browser = chromium.driver();
        chromium.logIn(uri("/"), "veiligthuis", "demo");
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(By.cssSelector("#regions .phone")).isEmpty());
        List<WebElement> phones = browser.findElements(By.cssSelector("#regions .phone"));
        for (WebElement phone : phones) {
            WebElement link = phone.findElement(By.tagName("a"));
            assertEquals("tel:0880000200", link.getAttribute("href"), phone.getText());
            assertEquals("Bel 088 000 0200 (24/7)", phone.getText());
        }
        chromium.screenshot("vt-phones-390");

        chromium.reset(1366, 768);
        chromium.logIn(uri("/"), "ct", "demo");
        waitForRows();
        List<WebElement> rows = browser.findElements(By.cssSelector("#rows tr"));
        assertEquals(dialled.size(), rows.size());
        for (WebElement row : rows) {
            String code = row.getAttribute("data-code");
            List<WebElement> links = row.findElements(By.cssSelector("td.phone a"));
            assertEquals(1, links.size(), code + " has one call link");
            assertEquals(dialled.get(code), links.get(0).getAttribute("href"), code);
            assertTrue(links.get(0).getAttribute("href").matches("tel:\\+?[0-9]{10,15}"), code);
        }
        assertTrue(dialled.containsValue("tel:0880000200"), "the 24/7 number loses its note in the link");
    }

    private void waitForRows() {
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#rows tr")).size()
                == hub.inProcess().registry().locations().size());
    }
}
