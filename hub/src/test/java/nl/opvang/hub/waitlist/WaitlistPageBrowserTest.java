package nl.opvang.hub.waitlist;

import static nl.opvang.hub.waitlist.WaitlistFixture.CT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The CT page's waiting list in a real headless Chromium (docs/DESIGN.md §6): the counts and "langer dan 3 maanden",
 * longest wait first, "Aanbieden" only where a place of that kind is free, adding someone with the form (no field for
 * a name: the hub gives a reference), closing with a reason; axe finds nothing at 1366×768 and at 390×844.
 */
class WaitlistPageBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    WaitlistFixture hub;
    ChromeDriver browser;
    String regular;
    String family;

    @BeforeEach
    void start() {
        hub = chromium.serving(new WaitlistFixture(dataDir));
        hub.testLocationLive();
        hub.add("bw_hg", "2026-06-10", "");
        regular = hub.add("regular", "2026-07-01", ",\"priority\":\"urgent\"").get("reference").asText();
        hub.add("crisis", "2026-08-20", ",\"exemption\":\"respijt\"");
        family = hub.add("family", "2026-11-01", "").get("reference").asText();
        browser = chromium.driver();
        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), CT.username(), WaitlistFixture.PASSWORD);
    }

    @Test
    void the_ct_sees_the_ageing_offers_a_free_place_adds_someone_and_closes_an_entry() throws InterruptedException {
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#waitlist-list li")).size() == 4);

        assertEquals("Op de wachtlijst: 4 · langer dan 3 maanden: 2 · met uitzondering (telt niet mee): 1",
                browser.findElement(By.id("waitlist-summary")).getText());
        assertEquals(List.of("Beschermd wonen: Herstel & Groei", "plek", "crisisplek", "gezinsplek"), needs(),
                "longest wait first");
        WebElement longest = entry(regular);
        assertTrue(longest.getText().contains("144 dagen gewacht"), longest.getText());
        assertTrue(longest.getText().contains("langer dan 3 maanden"));
        assertTrue(longest.getText().contains("Prioriteit spoed · herkomst Amersfoort · besluit 1 jul 2026"), longest.getText());
        assertTrue(longest.getText().contains("Wacht het langst op een plek"));
        assertTrue(entry(family).findElements(By.xpath(".//button[text()='Aanbieden']")).isEmpty(), "no family place free");
        String counts = browser.findElement(By.id("waitlist-counts")).getText();
        assertTrue(counts.contains("Plek: 1 wachtend, 1 langer dan 3 maanden — nu vrij: 4"), counts);
        // No field a name could go in: the form has a date and choices only.
        assertEquals(0L, browser.executeScript("return document.querySelectorAll('#waitlist-form input:not([type=date]),"
                + " #waitlist-form textarea').length;"));
        assertEquals(List.of(), chromium.violations(), "CT page with the waiting list");
        shoot("waitlist-ct-1366x768");

        entry(regular).findElement(By.xpath(".//button[text()='Aanbieden']")).click();
        chromium.waitUpTo(Duration.ofSeconds(5))
                .until(page -> entry(regular).getText().contains("plek aangeboden (zie Aanvragen)"));
        assertEquals("Plek aangeboden voor " + regular + ": aanvraag verstuurd. Het antwoord verschijnt bij Aanvragen.",
                browser.findElement(By.id("waitlist-message")).getText());
        assertEquals(1, hub.holds.list(CT).size());

        browser.findElement(By.cssSelector(".waitlist-add summary")).click();
        new Select(browser.findElement(By.id("waitlist-need"))).selectByValue("bw_so");
        browser.executeScript("document.getElementById('waitlist-decided').value = '2026-11-02';");
        new Select(browser.findElement(By.id("waitlist-origin"))).selectByVisibleText("Soest");
        new Select(browser.findElement(By.id("waitlist-exemption"))).selectByValue("time_out");
        browser.findElement(By.cssSelector("#waitlist-form button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> page.findElements(By.cssSelector("#waitlist-list li")).size() == 5);
        String added = browser.findElement(By.id("waitlist-message")).getText();
        assertTrue(added.matches("Op de wachtlijst gezet met kenmerk W-[0-9A-Z]{4}-[0-9A-Z]{4}\\. Zet dit kenmerk in het dossier\\."),
                added);

        entry(family).findElement(By.tagName("summary")).click();
        // Live figures keep coming: a reload while the CT chooses a reason would close the box under their hands.
        browser.executeScript("document.dispatchEvent(new Event('opvang:holds'));");
        Thread.sleep(2_500); // past the two seconds after which the page reloads the list
        assertTrue(entry(family).findElement(By.tagName("details")).getAttribute("open") != null,
                "the box is still open after a live update");
        new Select(entry(family).findElement(By.tagName("select"))).selectByValue("no_longer_needed");
        entry(family).findElement(By.xpath(".//button[text()='Inschrijving sluiten']")).click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> page.findElements(By.cssSelector("#waitlist-list li")).size() == 4);
        assertEquals("Inschrijving " + family + " gesloten: niet meer nodig.", browser.findElement(By.id("waitlist-message")).getText());
        assertEquals(List.of(), chromium.violations(), "after offering, adding and closing");
    }

    @Test
    void on_a_phone_the_list_and_the_form_fit_the_screen() {
        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), CT.username(), WaitlistFixture.PASSWORD);
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#waitlist-list li")).size() == 4);
        browser.findElement(By.cssSelector(".waitlist-add summary")).click();

        assertEquals(List.of(), chromium.violations(), "CT page with the waiting list on a phone");
        Object overflow = browser.executeScript("var list = document.querySelector('.waitlist');"
                + " return list.scrollWidth > list.clientWidth || document.documentElement.scrollWidth > window.innerWidth;");
        assertFalse((Boolean) overflow, "nothing wider than the phone");
        shoot("waitlist-ct-390x844");
        browser.executeScript("document.getElementById('waitlist-form').scrollIntoView();");
        chromium.screenshot("waitlist-ct-390x844-form");
    }

    @Test
    void the_night_staff_on_the_same_page_see_no_waiting_list() {
        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), WaitlistFixture.NIGHT_TEST.username(), WaitlistFixture.PASSWORD);
        browser.get(hub.uri("/ct").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(By.cssSelector("tr[data-code='test']")).isEmpty());
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> "403".equals(page.findElement(By.id("waitlist"))
                .getAttribute("data-answer")));

        assertFalse(browser.findElement(By.id("waitlist")).isDisplayed());
        assertEquals(List.of(), chromium.violations(), "the placers' page without the list");
    }

    private void shoot(String name) {
        browser.executeScript("document.getElementById('waitlist-title').scrollIntoView();");
        chromium.screenshot(name);
    }

    private WebElement entry(String reference) {
        return browser.findElement(By.xpath("//ol[@id='waitlist-list']/li[.//strong[text()='" + reference + "']]"));
    }

    @SuppressWarnings("unchecked")
    private List<String> needs() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll('#waitlist-list li"
                + " .entry-head')).map(function (head) { return head.textContent.split(' · ')[1]; });");
    }
}
