package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The region files built from the seeds' own tables (issue 18): u16.yaml (seed 003, "Regionale koers maatschappelijke
 * opvang en beschermd wonen U16") and dordrecht.yaml (seed 002, "Van opvang naar wonen 2020-2025"). Each is read the
 * way the hub reads {@code --region} at start ({@link RegionFile#read}) and as a resource of the hub jar.
 */
class SeedRegionFilesTest {
    static final Path RESOURCES = Path.of("src/main/resources/nl/opvang/hub");
    /** A Dutch postcode (1234 AB): an address has one; none of the region files may. */
    private static final Pattern POSTCODE = Pattern.compile("\\b[1-9][0-9]{3} ?[A-Z]{2}\\b");

    @Test
    void u16_has_the_16_gemeenten_and_the_176_places_of_tabel_1() {
        Region region = RegionFile.read(RESOURCES.resolve("u16.yaml"));

        assertEquals("u16", region.code());
        // Seed 003 §4.1 "Huidige stand van zaken regio Utrecht": "In totaal maken 16 gemeenten onderdeel van dit centrum".
        assertEquals(16, region.municipalities().size());
        assertTrue(region.municipalities().containsAll(List.of("Utrecht", "Vianen", "Wijk bij Duurstede", "Stichtse Vecht")));
        // Seed 003 §4.1 TABEL 1 "Capaciteit eerste opvang regio Utrecht": one location per row, four rows.
        assertEquals(List.of("sleep-inn", "crisis-stad", "crisis-lekstroom", "onderdak"), codes(region));
        // TABEL 1: Nachtopvang 85 + Onderdak met lichte begeleiding 45 = 130 regular; Crisisopvang Utrecht-stad 25 +
        // Regio Lekstroom 21 = 46 crisis; "Totaal Eerste opvang 176".
        assertEquals(Map.of(Kind.REGULAR, 130, Kind.CRISIS, 46), places(region));
        assertEquals(176, total(region));
        assertEquals(85, places(location(region, "sleep-inn")).get(Kind.REGULAR));
        assertEquals(21, places(location(region, "crisis-lekstroom")).get(Kind.CRISIS));
    }

    @Test
    void dordrecht_has_the_gemeenten_of_the_herkomst_table_and_the_places_of_actielijn_2() {
        Region region = RegionFile.read(RESOURCES.resolve("dordrecht.yaml"));

        assertEquals("dordrecht", region.code());
        // Seed 002 §3.3, table "Herkomst cliënten": eight gemeenten (besides Overig Nederland, Buitenland, Onbekend).
        assertEquals(8, region.municipalities().size());
        assertTrue(region.municipalities().containsAll(List.of("Dordrecht", "Zwijndrecht", "Hendrik-Ido-Ambacht",
                "Alblasserdam", "Gorinchem", "Sliedrecht", "Leerdam", "Molenlanden")));
        assertEquals(List.of("kromhout-no", "herstart", "kromhout-bw", "gezinnen"), codes(region));
        // Seed 002 §4.3 Actielijn 2, action 1: "maximum van 50 kamers en 10 plekken restcapaciteit" (regular, nood);
        // "24 plekken Herstart en 24 plekken Beschermd Wonen" (regular); §3.3 footnote 6: pilot Crisisopvang Gezinnen,
        // "twee woningen gereserveerd" (family).
        assertEquals(Map.of(Kind.REGULAR, 98, Kind.NOOD, 10, Kind.FAMILY, 2), places(region));
        assertEquals(110, total(region));
        PlaceSpec rest = location(region, "kromhout-no").nodes().get(0).places().stream().filter(PlaceSpec::counted)
                .findFirst().orElseThrow();
        assertFalse(rest.open(), "the restcapaciteit is closed until opened, as nood places are");
        assertEquals(Domain.BW, location(region, "kromhout-bw").audience().domain());
    }

    @Test
    void leerdam_leaves_the_dordrecht_region_in_2021_with_vijfheerenlanden() {
        Region region = RegionFile.read(RESOURCES.resolve("dordrecht.yaml"));

        // Seed 002 §1.2 footnote 1: Vijfheerenlanden "treden vanaf 2021 uit de centrumgemeente Dordrecht".
        Membership leerdam = region.memberships().stream().filter(member -> member.municipality().equals("Leerdam"))
                .findFirst().orElseThrow();
        assertTrue(leerdam.covers("mo", LocalDate.of(2020, 12, 31)));
        assertFalse(leerdam.covers("mo", LocalDate.of(2021, 1, 1)));
        assertFalse(leerdam.covers("vo", LocalDate.of(2021, 1, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"u16.yaml", "dordrecht.yaml"})
    void the_file_in_the_hub_jar_is_the_same_region_as_the_file_given_with_region(String name) {
        assertEquals(RegionFile.read(RESOURCES.resolve(name)), RegionFile.resource(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {RegionFile.SEED, "u16.yaml", "dordrecht.yaml"})
    void no_secret_location_has_an_address_and_every_vrouwenopvang_is_secret(String name) throws IOException {
        Region region = RegionFile.resource(name);

        for (Location location : region.locations()) {
            if (location.audience().vo()) {
                assertTrue(location.secret(), name + ": vrouwenopvang " + location.code() + " must be secret");
            }
            if (location.secret()) {
                assertTrue(NoAddress.passes(location.name(), 100), name + ": " + location.code() + " name");
                assertTrue(NoAddress.passes(location.provider(), 100), name + ": " + location.code() + " provider");
                assertTrue(NoAddress.passes(Phone.noteOf(location.phone()), Phone.MAX_NOTE), name + ": "
                        + location.code() + " phone note");
            }
        }
        String text = Files.readString(RESOURCES.resolve(name));
        assertFalse(POSTCODE.matcher(text).find(), name + " holds something like a postcode");
    }

    static List<String> codes(Region region) {
        return region.locations().stream().map(Location::code).toList();
    }

    static Location location(Region region, String code) {
        return region.locations().stream().filter(location -> location.code().equals(code)).findFirst().orElseThrow();
    }

    /** Places per kind: a bed is one place, a count-only place its capacity (open or closed). */
    static Map<Kind, Integer> places(Region region) {
        Map<Kind, Integer> places = new EnumMap<>(Kind.class);
        region.locations().forEach(location -> places(location).forEach((kind, n) -> places.merge(kind, n, Integer::sum)));
        return places;
    }

    static Map<Kind, Integer> places(Location location) {
        Map<Kind, Integer> places = new EnumMap<>(Kind.class);
        location.nodes().stream().flatMap(node -> node.places().stream())
                .forEach(place -> places.merge(place.kind(), place.capacity(), Integer::sum));
        return places;
    }

    static int total(Region region) {
        return places(region).values().stream().mapToInt(Integer::intValue).sum();
    }
}
