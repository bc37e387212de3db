package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whom a place is for, in the region file (docs/DESIGN.md §4, §7): read, refused, kept in the registry. */
class RegionGroupsTest {
    /** A valid file with groups; the tests below change one line of it (line numbers as in an editor). */
    private static final String VALID = """
            regions:
              - code: r
                name: Regio
                locations:
                  - code: a
                    name: A
                    municipality: Baarn
                    phone: "033 000 0000"
                    secret: false
                    domain: mo
                    groups: [women, men]
                    groupsByKind:
                      family: [families]
                    nodes:
                      - code: a-1
                        beds:
                          - kind: regular
                            codes: [A1-A3]
                          - kind: family
                            codes: [F1]
            """;

    @TempDir
    Path dataDir;

    @Test
    void a_location_says_its_domain_and_groups_and_a_kind_its_own() {
        Audience audience = RegionFile.parse("ok.yaml", VALID).locations().get(0).audience();

        assertEquals(Domain.MO, audience.domain());
        assertEquals(List.of(TargetGroup.MEN, TargetGroup.WOMEN), audience.groups(), "in the hub's order");
        assertEquals(List.of(TargetGroup.FAMILIES), audience.of(Kind.FAMILY));
        assertEquals(List.of(TargetGroup.MEN, TargetGroup.WOMEN), audience.of(Kind.REGULAR), "the location's");
        assertNull(audience.own(Kind.REGULAR));
    }

    @Test
    void a_location_without_groups_says_nothing_of_whom_it_is_for() {
        String file = VALID;
        for (String line : List.of("domain: mo", "groups: [women, men]", "groupsByKind:", "family: [families]")) {
            file = RegionFileTest.replace(file, line, null);
        }

        assertEquals(Audience.NONE, RegionFile.parse("none.yaml", file).locations().get(0).audience());
    }

    @Test
    void every_seed_location_says_whom_it_is_for() {
        Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));

        for (Location location : region.locations()) {
            assertNotNull(location.audience().domain(), location.code());
            assertFalse(location.audience().groups().isEmpty(), location.code());
        }
        Map<String, Audience> byCode = new java.util.HashMap<>();
        region.locations().forEach(location -> byCode.put(location.code(), location.audience()));
        assertEquals(Domain.VO, byCode.get("kw-vo").domain());
        assertTrue(byCode.get("kw-vo").of(Kind.REGULAR).contains(TargetGroup.TRAFFICKING));
        assertFalse(byCode.get("kw-vo").of(Kind.CRISIS).contains(TargetGroup.TRAFFICKING));
        assertEquals(List.of(TargetGroup.YOUNG_MOTHERS), byCode.get("kw-jm").groups());
        assertEquals(List.of(TargetGroup.FAMILIES), byCode.get("veluwemeer").groups());
        assertTrue(byCode.get("kleinehaag").groups().contains(TargetGroup.ADDICTION));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "groups: [women, men]  | groups: [women, dogs]     | regel 11: groups[1] 'dogs' is onbekend; kies uit men, women, families, young_mothers",
        "groups: [women, men]  | groups: [women, women]    | regel 11: groups noemt een waarde twee keer",
        "groups: [women, men]  | groups: women             | regel 11: groups moet een lijst zijn",
        "domain: mo            | domain: wonen             | regel 10: domain 'wonen' is onbekend; kies uit mo, vo, bw",
        "family: [families]    | bunk: [families]          | regel 13: onbekend veld 'bunk' in groupsByKind",
        "family: [families]    | nood: [families]          | regel 13: groupsByKind noemt 'nood', maar locatie 'a' heeft geen plekken van die soort",
        "family: [families]    | family: [kinderen]        | regel 13: family[0] 'kinderen' is onbekend; kies uit men",
    })
    void an_unknown_group_domain_or_kind_stops_the_file_with_one_line_naming_it(String line, String replacement,
                                                                                String expected) {
        RegionFileException problem = assertThrows(RegionFileException.class,
                () -> RegionFile.parse("bad.yaml", RegionFileTest.replace(VALID, line, replacement)));

        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
        assertEquals(1, problem.getMessage().lines().count());
    }

    @Test
    void the_schema_and_the_words_know_the_same_groups_and_domains_as_the_hub() throws Exception {
        JsonNode schema;
        try (InputStream in = RegionFile.class.getResourceAsStream(RegionFile.SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> groups = new ArrayList<>();
        schema.at("/$defs/group/enum").forEach(each -> groups.add(each.asText()));
        List<String> domains = new ArrayList<>();
        schema.at("/$defs/location/properties/domain/enum").forEach(each -> domains.add(each.asText()));

        assertEquals(Arrays.stream(TargetGroup.values()).map(TargetGroup::wire).toList(), groups);
        assertEquals(Arrays.stream(Domain.values()).map(Domain::wire).toList(), domains);
        for (TargetGroup group : TargetGroup.values()) {
            assertFalse(Words.word("group." + group.wire()).startsWith("group."), group.wire());
        }
        for (Domain domain : Domain.values()) {
            assertFalse(Words.word("domain." + domain.wire()).startsWith("domain."), domain.wire());
        }
        assertEquals("jonge moeders", Words.word("group.young_mothers"));
        assertEquals("vrouwenopvang", Words.word("domain.vo"));
    }

    @Test
    void the_registry_keeps_the_groups_and_a_changed_file_replaces_them() {
        try (Database database = Database.open(dataDir)) {
            Registry.seed(database, RegionFile.parse("ok.yaml", VALID));
            Audience kept = Registry.load(database, "r").location("a").orElseThrow().audience();
            assertEquals(RegionFile.parse("ok.yaml", VALID).locations().get(0).audience(), kept);

            Registry.seed(database, RegionFile.parse("changed.yaml", RegionFileTest.replace(RegionFileTest.replace(VALID,
                    "groups: [women, men]", "groups: [women, pets]"), "domain: mo", "domain: bw")));
            Audience changed = Registry.load(database, "r").location("a").orElseThrow().audience();

            assertEquals(Domain.BW, changed.domain());
            assertEquals(List.of(TargetGroup.WOMEN, TargetGroup.PETS), changed.groups());
            assertEquals(List.of(TargetGroup.FAMILIES), changed.own(Kind.FAMILY));
        }
    }
}
