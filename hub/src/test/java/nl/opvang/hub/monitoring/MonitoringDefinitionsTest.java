package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.testkit.HubStoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures' definitions cannot drift apart: every row an answer has means something on the Dutch page
 * {@code /monitor/definities} ({@link Definitions}) and every meaning there names a row; docs/MONITORING.md heads each
 * figure with the same definition, version and title, and names each of its rows.
 */
class MonitoringDefinitionsTest {
    private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/MONITORING.md");

    @TempDir
    Path dataDir;

    @Test
    void every_row_of_every_figure_has_its_meaning_on_the_page_and_every_meaning_a_row() {
        try (HubStoreFixture hub = new HubStoreFixture(dataDir)) {
            Monitoring monitoring = new Monitoring(hub.database, hub.registry,
                    RegionFile.resource(RegionFile.SEED).municipalities(), hub.clock);
            String page = monitoring.definitions().markup();
            for (Figure figure : Figure.values()) {
                List<Row> rows = monitoring.table(figure, name -> null, false, false).rows().get(0);
                for (Row row : rows) {
                    assertNotNull(Definitions.term(figure, row.part(), row.code()), figure.definition() + " "
                            + Tally.key(row) + " has no meaning in Definitions");
                    assertTrue(page.contains(row.label()), row.label() + " on the page");
                }
                for (Definitions.Term term : Definitions.of(figure).terms()) {
                    assertTrue(rows.stream().anyMatch(row -> row.part().equals(term.part())
                            && (term.code().equals("*") || row.code().equals(term.code()))),
                            figure.definition() + ": " + term + " names no row");
                }
                assertTrue(page.contains("id=\"" + figure.path() + "\"") && page.contains("<code>"
                        + figure.definition() + "</code>"), figure.definition() + " on the page");
            }
        }
    }

    @Test
    void docs_monitoring_md_heads_each_figure_by_its_definition_and_title_and_names_its_rows() throws IOException {
        String doc = Files.readString(DOC);
        for (Figure figure : Figure.values()) {
            Matcher headings = Pattern.compile("^### " + Pattern.quote(figure.path()) + "/v\\d+ — .*$",
                    Pattern.MULTILINE).matcher(doc);
            assertTrue(headings.find(), figure.path() + " has no heading in docs/MONITORING.md");
            assertEquals("### " + figure.definition() + " — " + figure.title(), headings.group(),
                    "the document's heading of " + figure.path() + ": version and title as in code");
            int end = doc.indexOf("\n#", headings.end());
            String section = doc.substring(headings.end(), end < 0 ? doc.length() : end);
            for (Definitions.Term term : Definitions.of(figure).terms()) {
                assertTrue(term.code().equals("*") || section.contains("`" + term.code() + "`"),
                        figure.definition() + ": docs/MONITORING.md does not name `" + term.code() + "`");
            }
        }
    }
}
