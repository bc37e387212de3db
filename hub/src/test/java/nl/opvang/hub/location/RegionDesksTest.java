package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The VO access desks' response times in the region file (issue 14, docs/DESIGN.md §4, §7): read, defaulted, refused. */
class RegionDesksTest {
    /** A valid file with one VO provider's desk; the tests below change one line of it (line numbers as in an editor). */
    private static final String VALID = """
            regions:
              - code: r
                name: Regio
                desks:
                  - provider: Kwintes
                    responseMinutes: 10
                locations:
                  - code: vo
                    name: Vrouwenopvang
                    provider: Kwintes
                    municipality: Baarn
                    phone: "088 000 0200 (24/7)"
                    secret: true
                    domain: vo
                    groups: [women, families]
                    nodes:
                      - code: vo-1
                        beds:
                          - {kind: crisis, codes: [C1-C2]}
                  - code: mo
                    name: Opvang
                    provider: Leger des Heils
                    municipality: Baarn
                    phone: "033 000 0000"
                    secret: false
                    domain: mo
                    nodes:
                      - code: mo-1
                        beds:
                          - {kind: regular, codes: [A1]}
            """;

    @Test
    void a_desk_answers_within_its_own_minutes_and_a_provider_left_out_within_fifteen() {
        Region region = RegionFile.parse("ok.yaml", VALID);

        assertEquals(Duration.ofMinutes(10), region.responseTime("Kwintes"));
        assertEquals(Duration.ofMinutes(15), region.responseTime("Leger des Heils"));
        assertEquals(Duration.ofMinutes(15), RegionFile.resource(RegionFile.SEED).responseTime("Kwintes"),
                "the seed region says nothing: the default");
        assertEquals(Duration.ofMinutes(10), RegionFile.resource(RegionFile.TEST_LOCATION).plus(region)
                .responseTime("Kwintes"), "kept when regions are joined");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "responseMinutes: 10 | responseMinutes: 0         | regel 6: responseMinutes moet een getal ≥ 1 zijn",
        "responseMinutes: 10 | responseMinutes: 241       | regel 6: responseMinutes moet een getal ≤ 240 zijn",
        "responseMinutes: 10 | responseMinutes: kwartier  | regel 6: responseMinutes moet een geheel getal zijn",
        "responseMinutes: 10 | responseMinutes: 7.5       | regel 6: responseMinutes moet een geheel getal zijn",
        "responseMinutes: 10 | minutes: 10                | regel 6: onbekend veld 'minutes'",
        "- provider: Kwintes | - provider: Leger des Heils | regel 5: desks noemt 'Leger des Heils', maar die aanbieder "
                + "heeft geen locatie met domain: vo",
        "- provider: Kwintes | - provider: Kwintes B.V.   | regel 5: desks noemt 'Kwintes B.V.', maar die aanbieder",
    })
    void a_bad_response_time_or_desk_stops_the_file_with_one_line_naming_it(String line, String replacement,
                                                                           String expected) {
        RegionFileException problem = assertThrows(RegionFileException.class,
                () -> RegionFile.parse("bad.yaml", RegionFileTest.replace(VALID, line, replacement)));

        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
        assertEquals(1, problem.getMessage().lines().count());
    }

    @Test
    void a_provider_named_twice_stops_the_file() {
        String twice = VALID.replace("""
                        responseMinutes: 10
                """, """
                        responseMinutes: 10
                      - provider: Kwintes
                        responseMinutes: 20
                """);

        RegionFileException problem = assertThrows(RegionFileException.class, () -> RegionFile.parse("twice.yaml", twice));

        assertTrue(problem.getMessage().contains("regel 7: desks noemt aanbieder 'Kwintes' twee keer"),
                problem.getMessage());
    }
}
