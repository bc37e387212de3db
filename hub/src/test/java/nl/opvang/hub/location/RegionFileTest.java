package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionFileTest {
    /** A valid file; the tests below change one line of it (line numbers as in an editor). */
    private static final String VALID = """
            regions:
              - code: r
                name: Regio
                municipalities: [Baarn]
                locations:
                  - code: a
                    name: A
                    municipality: Baarn
                    phone: "033 000 0000"
                    secret: false
                    nodes:
                      - code: a-1
                        beds:
                          - kind: regular
                            codes: [A1-A3]
                        counts:
                          - kind: nood
                            capacity: 2
                            open: false
            """;

    @Test
    void the_seed_region_has_the_locations_of_design_section_7() {
        Region region = RegionFile.resource(RegionFile.SEED);

        assertEquals("amersfoort", region.code());
        assertEquals(9, region.locations().size());
        Location vo = region.locations().stream().filter(location -> location.code().equals("kw-vo")).findFirst().orElseThrow();
        assertTrue(vo.secret());
        List<PlaceSpec> places = vo.nodes().get(0).places();
        assertEquals(15, places.stream().filter(place -> place.kind() == Kind.REGULAR).count());
        assertEquals(2, places.stream().filter(place -> place.kind() == Kind.CRISIS).count());
        PlaceSpec nood = places.stream().filter(PlaceSpec::counted).findFirst().orElseThrow();
        assertEquals(2, nood.capacity());
        assertEquals(false, nood.open(), "nood places are closed until opened");
        Location smallepad = region.locations().get(0);
        assertEquals(43, smallepad.nodes().get(0).places().size());
        assertEquals("S01", smallepad.nodes().get(0).places().get(0).key());
        assertEquals("S43", smallepad.nodes().get(0).places().get(42).key());
    }

    @Test
    void the_test_location_adds_site_test_with_four_regular_beds_and_one_crisis_bed() {
        Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));

        Location test = region.locations().get(region.locations().size() - 1);
        assertEquals("test", test.code());
        assertEquals("test-1", test.nodes().get(0).code());
        assertEquals(List.of("T1", "T2", "T3", "T4", "T5"), test.nodes().get(0).places().stream().map(PlaceSpec::key).toList());
        assertEquals(Kind.CRISIS, test.nodes().get(0).places().get(4).kind());
    }

    @Test
    void a_valid_file_reads_into_the_same_model_as_before() {
        Region region = RegionFile.parse("ok.yaml", VALID);

        Location location = region.locations().get(0);
        assertEquals(new Location("a", "A", "", "Baarn", "r", "033 000 0000", false, List.of(new NodeSpec("a-1", "a", List.of(
                PlaceSpec.bed("A1", Kind.REGULAR), PlaceSpec.bed("A2", Kind.REGULAR), PlaceSpec.bed("A3", Kind.REGULAR),
                PlaceSpec.count(Kind.NOOD, 2, false))))), location);
        assertEquals(List.of("Baarn"), region.municipalities());
    }

    @Test
    void veenendaal_left_the_seed_region_for_mo_in_2022_and_stays_for_the_vrouwenopvang() {
        Region region = RegionFile.resource(RegionFile.SEED);

        List<Membership> veenendaal = region.memberships().stream()
                .filter(member -> member.municipality().equals("Veenendaal")).toList();
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertTrue(veenendaal.stream().noneMatch(member -> member.covers("mo", today)));
        assertTrue(veenendaal.stream().anyMatch(member -> member.covers("mo", LocalDate.of(2021, 6, 1))));
        assertTrue(veenendaal.stream().anyMatch(member -> member.covers("vo", today)));
        assertEquals(1, region.municipalities().stream().filter("Veenendaal"::equals).count());
        assertTrue(region.memberships().stream().filter(member -> member.municipality().equals("Baarn"))
                .allMatch(member -> member.covers("mo", today) && member.covers("vo", today)));
    }

    @Test
    void a_location_may_open_at_a_date_and_a_municipality_join_at_one() {
        String file = replace(replace(VALID, "municipalities: [Baarn]",
                "municipalities: [Baarn, {name: Eemnes, from: 2027-01-01, domains: [vo]}]"),
                "secret: false", "secret: false\n        opens: 2026-12-15");

        Region region = RegionFile.parse("dates.yaml", file);

        assertEquals(Map.of("a", LocalDate.of(2026, 12, 15)), region.opens());
        assertEquals(new Membership("Eemnes", LocalDate.of(2027, 1, 1), null, List.of("vo")), region.memberships().get(1));
        assertEquals(List.of("Baarn", "Eemnes"), region.municipalities());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "municipalities: [Baarn] | municipalities: [{name: Baarn, from: 2022-13-01}] | regel 4: '2022-13-01' is geen bestaande datum",
        "municipalities: [Baarn] | municipalities: [{name: Baarn, from: 2023-01-01, until: 2022-01-01}] | regel 4: until van gemeente 'Baarn' moet na from liggen",
        "municipalities: [Baarn] | municipalities: [{name: Baarn, domains: [wonen]}] | regel 4:",
        "municipalities: [Baarn] | municipalities: [{name: Baarn, sinds: 2022-01-01}] | regel 4:",
        "secret: false | secret: false\\n        opens: morgen | regel 11:",
    })
    void a_bad_date_or_membership_is_one_line_naming_the_line(String line, String replacement, String expected) {
        RegionFileException problem = assertThrows(RegionFileException.class,
                () -> RegionFile.parse("bad.yaml", replace(VALID, line, replacement.replace("\\n", "\n"))));

        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
        assertEquals(1, problem.getMessage().lines().count());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: A              | nam: A                | regel 7: onbekend veld 'nam'",
        "- code: a            | - code: Smallepad Oost | regel 6: code 'Smallepad Oost' moet kleine letters, cijfers en '-' zijn",
        "- kind: regular      | - kind: bunk          | regel 14: kind 'bunk' is onbekend",
        "codes: [A1-A3]       | codes: [A3-A1]        | regel 15: reeks 'A3-A1' moet oplopen",
        "codes: [A1-A3]       | codes: [A1-B3]        | regel 15: reeks 'A1-B3' moet dezelfde letters houden",
        "codes: [A1-A3]       | codes: ['A 1']        | regel 15: bed 'A 1' moet letters, cijfers",
        "capacity: 2          | capacity: many        | regel 18: capacity moet een geheel getal zijn",
        "capacity: 2          | capacity: -1          | regel 18: capacity moet een getal ≥ 0 zijn",
        "capacity: 2          | capacity: 10001       | regel 18: capacity moet een getal ≤ 10000 zijn",
        "secret: false        | secret: maybe         | regel 10: secret moet true of false zijn",
        "municipality: Baarn  | municipality: Utrecht | regel 8: gemeente 'Utrecht' is geen gemeente van de regio: Baarn",
        "phone: \"033 000 0000\" | phone: 0330000000  | regel 9: phone moet tekst zijn (zet de waarde tussen aanhalingstekens)",
        "phone: \"033 000 0000\" | phone: \"12\"      | regel 9: phone van locatie 'a': Dit is geen telefoonnummer",
        "name: Regio          | name: [Regio         | regel 4: geen geldige YAML",
        "name: A              | name: {first: A}      | regel 7: name moet tekst zijn",
    })
    void a_bad_file_is_reported_as_one_line_naming_the_line_and_the_problem(String line, String replacement, String expected) {
        String file = replace(VALID, line, replacement);

        RegionFileException error = assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.yaml", file));

        assertTrue(error.getMessage().startsWith("bad.yaml regel "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage() + " should contain " + expected);
        assertEquals(1, error.getMessage().lines().count());
    }

    @Test
    void a_location_without_a_phone_number_is_refused_naming_its_first_line() {
        RegionFileException error = assertThrows(RegionFileException.class,
                () -> RegionFile.parse("bad.yaml", replace(VALID, "phone: \"033 000 0000\"", null)));

        assertEquals("bad.yaml regel 6: het veld 'phone' ontbreekt in locations[0]", error.getMessage());
    }

    @Test
    void a_bed_listed_twice_in_a_location_is_refused() {
        String twoNodes = VALID + """
                          - code: a-2
                            beds:
                              - kind: crisis
                                codes: [A3]
                """;

        RegionFileException error = assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.yaml", twoNodes));

        assertEquals("bad.yaml regel 23: bed 'A3' komt twee keer voor in locatie 'a'", error.getMessage());
    }

    @Test
    void a_node_twice_a_node_without_places_and_a_second_region_are_refused() {
        String sameNode = VALID + "          - code: a-1\n            counts: [{kind: crisis, capacity: 1}]\n";
        String empty = VALID.lines().limit(12).collect(Collectors.joining("\n", "", "\n"));
        String twoRegions = VALID + "  - code: s\n    name: S\n    locations: []\n";

        assertEquals("bad.yaml regel 20: node 'a-1' komt twee keer voor",
                assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.yaml", sameNode)).getMessage());
        assertEquals("bad.yaml regel 12: node 'a-1' heeft geen beds of counts",
                assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.yaml", empty)).getMessage());
        assertTrue(assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.yaml", twoRegions)).getMessage()
                .startsWith("bad.yaml regel 1: regions mag hoogstens 1 regio bevatten"));
    }

    @Test
    void the_example_in_design_section_7_is_a_valid_region_file() throws java.io.IOException {
        String design = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/DESIGN.md"));
        String section = design.substring(design.indexOf("## 7. Seed region"), design.indexOf("## 8. "));
        String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml")));

        Location vo = RegionFile.parse("DESIGN.md", example).locations().get(0);

        assertEquals("kw-vo", vo.code());
        assertEquals(18, vo.nodes().get(0).places().size());
        assertEquals(false, vo.nodes().get(0).places().get(17).open());
    }

    @Test
    void an_empty_file_says_how_a_region_file_starts() {
        assertEquals("empty.yaml: is leeg of begint niet met 'regions:' (zie docs/DESIGN.md §7)",
                assertThrows(RegionFileException.class, () -> RegionFile.parse("empty.yaml", "# nothing\n")).getMessage());
    }

    /** {@code text} with the line that reads {@code line} (indentation aside) replaced, or removed when {@code null}. */
    static String replace(String text, String line, String replacement) {
        List<String> lines = text.lines().toList();
        assertTrue(lines.stream().anyMatch(each -> each.strip().equals(line)), "no line " + line);
        boolean[] done = {false};
        return lines.stream().map(each -> {
            if (done[0] || !each.strip().equals(line)) {
                return each;
            }
            done[0] = true;
            return replacement == null ? null : each.substring(0, each.indexOf(line)) + replacement;
        }).filter(each -> each != null).collect(Collectors.joining("\n", "", "\n"));
    }
}
