package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionFileTest {
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "region r Regio;location a;  nam A                    | line 3: unknown word 'nam'",
        "location a;name A                                     | line 1: a 'region' line must come before the first location",
        "region r Regio;name A                                 | line 2: 'name' must follow a 'location' line",
        "region r Regio;location Smallepad Oost                | line 2: location code 'Smallepad Oost' must be lower-case",
        "region r Regio;location a;beds regular A1-A3          | line 3: 'beds' must follow a 'node' line",
        "region r Regio;location a;node a-1;  beds bunk A1-A3  | line 4: unknown kind 'bunk'",
        "region r Regio;location a;node a-1;  beds regular A3-A1 | line 4: range 'A3-A1' must go up",
        "region r Regio;location a;node a-1;  count nood many  | line 4: capacity 'many' is not a number",
        "region r Regio;location a;secret maybe                | line 3: 'secret' must be yes or no",
        "region r Regio;municipalities Baarn;location a;municipality Utrecht | line 4: municipality 'Utrecht' is not one",
    })
    void a_bad_file_is_reported_as_one_line_naming_the_line_and_the_problem(String file, String expected) {
        List<String> lines = List.of(file.split(";"));

        RegionFileException error = assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.region", lines));

        assertTrue(error.getMessage().startsWith("bad.region line "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage() + " should contain " + expected);
        assertEquals(1, error.getMessage().lines().count());
    }

    @Test
    void a_location_without_a_phone_number_is_refused_naming_its_first_line() {
        RegionFileException error = assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.region", List.of(
                "region r Regio", "", "location a", "  name A", "  municipality X", "  secret no", "  node a-1", "    beds regular A1")));

        assertEquals("bad.region line 3: location 'a' has no 'phone'", error.getMessage());
    }

    @Test
    void a_bed_listed_twice_in_a_location_is_refused() {
        RegionFileException error = assertThrows(RegionFileException.class, () -> RegionFile.parse("bad.region", List.of(
                "region r Regio", "location a", "node a-1", "beds regular A1-A3", "node a-2", "beds crisis A3")));

        assertEquals("bad.region line 6: bed 'A3' appears twice in location 'a'", error.getMessage());
    }
}
