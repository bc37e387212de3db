package nl.opvang.hub.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The privacy file (issue 17 item 3, docs/privacy/) as a region's privacy officer gets it: the five documents, the DPIA
 * in the structure of the model DPIA with the risks the issue names, every measure pointing to code or a test that
 * exists (a link that resolves, a class or test by a name that is in the sources, an alert that is one of the hub's
 * rules), and the page for clients in short sentences.
 */
class PrivacyFileTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path FOLDER = REPOSITORY.resolve("docs/privacy");
    private static final List<String> DOCUMENTS = List.of("dpia.md", "verwerkingsregister.md",
            "verwerkersovereenkomst.md", "datalek-procedure.md", "voor-clienten.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A class named in backquotes, with a method or constant after a dot or not: {@code PrivacyLog}, {@code Backup.create}. */
    private static final Pattern CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]+)(?:\\.([a-zA-Z_][A-Za-z0-9_]*))?`");
    private static final Map<String, Path> SOURCES = new TreeMap<>();

    @BeforeAll
    static void sources() throws IOException {
        for (String module : List.of("hub", "device", "protocol", "sql", "gateway", "transport", "hardware", "testing")) {
            Path folder = REPOSITORY.resolve(module).resolve("src");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(file -> SOURCES.put(
                            file.getFileName().toString().replace(".java", ""), file));
                }
            }
        }
        assertTrue(SOURCES.containsKey("PrivacyRequests") && SOURCES.containsKey("CanaryIT"), SOURCES.keySet().toString());
    }

    private static String read(String document) throws IOException {
        return Files.readString(FOLDER.resolve(document));
    }

    @Test
    void the_file_holds_the_five_documents_and_every_link_in_them_resolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String document : DOCUMENTS) {
            Matcher link = LINK.matcher(read(document));
            while (link.find()) {
                String target = link.group(1).replaceAll("#.*", "");
                if (!target.isEmpty() && !target.startsWith("http") && !Files.exists(FOLDER.resolve(target))) {
                    broken.add(document + ": " + link.group(1));
                }
            }
        }
        assertEquals(List.of(), broken, "links in docs/privacy that lead nowhere");
    }

    @Test
    void every_class_and_test_the_file_names_is_in_the_sources() throws IOException {
        String alerts = Files.readString(REPOSITORY.resolve("deploy/prometheus/opvang-alerts.yml"));
        List<String> missing = new ArrayList<>();
        for (String document : DOCUMENTS) {
            Matcher named = CLASS.matcher(read(document));
            while (named.find()) {
                Path source = SOURCES.get(named.group(1));
                if (named.group(1).startsWith("Opvang") && named.group(2) == null) {
                    // An alert the breach procedure names: it must be one of the hub's alert rules.
                    if (!alerts.contains("alert: " + named.group(1) + "\n")) {
                        missing.add(document + ": alert " + named.group());
                    }
                } else if (source == null) {
                    missing.add(document + ": " + named.group());
                } else if (named.group(2) != null && !Files.readString(source).contains(named.group(2))) {
                    missing.add(document + ": " + named.group() + " (no " + named.group(2) + " in " + source + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "names in docs/privacy that are not in the sources");
    }

    @Test
    void the_dpia_follows_the_model_and_every_risk_has_measures_that_point_to_a_test() throws IOException {
        String dpia = read("dpia.md");
        List<String> points = List.of("Voorstel", "Persoonsgegevens", "Gegevensverwerkingen", "Verwerkingsdoeleinden",
                "Betrokken partijen", "Belangen bij de gegevensverwerkingen", "Verwerkingslocaties",
                "Technieken en methoden van de gegevensverwerkingen", "Juridisch en beleidsmatig kader",
                "Bewaartermijnen", "Rechtsgrond", "Bijzondere persoonsgegevens", "Doelbinding",
                "Noodzaak en evenredigheid", "Rechten van de betrokkenen", "Risico's", "Maatregelen");
        int at = 0;
        for (int point = 0; point < points.size(); point++) {
            String heading = "### " + (point + 1) + ". " + points.get(point);
            int found = dpia.indexOf(heading, at);
            assertTrue(found >= 0, "the model DPIA's point '" + heading + "', in order");
            at = found;
        }
        // The measures: one part per risk (the five and the system's own), each with a test that proves it.
        String measures = dpia.substring(dpia.indexOf("### 17. Maatregelen"));
        String[] parts = measures.split("\n\\*\\*R\\d+ ");
        assertTrue(parts.length - 1 >= 7, "a part per risk: " + parts.length);
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            assertTrue(Pattern.compile("\\((?:\\.\\./)+[^)]*(Test|IT)\\.java\\)").matcher(part).find(),
                    "a measure without a test: " + part.lines().findFirst().orElse(""));
        }
        for (String risk : List.of("geheime locatie", "kleine aantallen", "gestolen node", "back-up lekt", "insider")) {
            assertTrue(dpia.contains(risk), "the risk '" + risk + "'");
        }
        for (String confirm : List.of("art. 6 lid 1 sub e", "art. 9 lid 2 sub g", "sub h", "UAVG", "Wmo 2015",
                "**[REGIO: laten bevestigen door de eigen jurist")) {
            assertTrue(dpia.contains(confirm), "the legal basis names " + confirm);
        }
    }

    @Test
    void the_page_for_clients_says_what_is_and_is_not_recorded_and_how_to_ask_in_short_sentences() throws IOException {
        String page = read("voor-clienten.md");
        for (String must : List.of("Niet uw naam", "Niet uw BSN", "inzage", "verwijderen", "pas")) {
            assertTrue(page.contains(must), must);
        }
        List<String> tooLong = new ArrayList<>();
        String text = page.replaceAll("\\*\\*\\[REGIO:[^]]*]\\*\\*", "").replaceAll("[*`#]", "");
        for (String sentence : text.split("(?<=[.?!:])\\s+|\\n\\s*\\n|\\n- |\\n\\d\\. ")) {
            if (sentence.strip().split("\\s+").length > 20) {
                tooLong.add(sentence.strip());
            }
        }
        assertEquals(List.of(), tooLong, "B1: sentences of at most 20 words");
    }
}
