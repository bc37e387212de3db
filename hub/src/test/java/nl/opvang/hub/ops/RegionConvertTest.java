package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code region-convert}: an operator's old line-format region file becomes the YAML of docs/DESIGN.md §7. */
class RegionConvertTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new OpsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                java.time.Clock.systemUTC())
                .run(args);
    }

    @Test
    void the_old_seed_region_converts_to_the_same_region_as_the_shipped_yaml() throws IOException {
        Path old = dir.resolve("amersfoort.region");
        try (InputStream in = getClass().getResourceAsStream("amersfoort.region")) {
            Files.write(old, in.readAllBytes());
        }
        Path converted = dir.resolve("amersfoort.yaml");

        assertEquals(0, run("region-convert", "--from", old.toString(), "--to", converted.toString()), err.toString());

        // The old format has no dates and no target groups: Veenendaal's membership per domain (issue 13) and whom each
        // place is for (issue 14) are the shipped file's alone.
        Region seed = RegionFile.resource(RegionFile.SEED);
        List<Location> withoutGroups = seed.locations().stream().map(location -> new Location(location.code(),
                location.name(), location.provider(), location.municipality(), location.region(), location.phone(),
                location.secret(), location.nodes())).toList();
        assertEquals(new Region(seed.code(), seed.name(), seed.municipalities(), withoutGroups), RegionFile.read(converted));
        assertTrue(out.toString().contains("wrote " + converted + ": region amersfoort with 9 locations"), out.toString());
    }

    @Test
    void a_secret_location_with_an_address_in_its_name_is_not_written() throws IOException {
        Path old = Files.writeString(dir.resolve("old.region"), """
                region amersfoort Regio Amersfoort
                location kw-vo
                  name Kanaalstraat 12
                  municipality Amersfoort
                  phone 088 000 0200 (24/7)
                  secret yes
                  node kw-vo-1
                    beds regular V1-V2
                """);
        Path converted = dir.resolve("new.yaml");

        assertEquals(1, run("region-convert", "--from", old.toString(), "--to", converted.toString()));

        assertTrue(err.toString().contains(converted + " regel "), err.toString());
        assertTrue(err.toString().contains("name van locatie 'kw-vo'"), err.toString());
        assertFalse(Files.exists(converted), "nothing is written");
    }

    @Test
    void values_yaml_would_misread_are_quoted_and_an_existing_file_is_not_overwritten() throws IOException {
        Path old = Files.writeString(dir.resolve("old.region"), """
                region r Regio: "Noord"
                location yes
                  name No
                  municipality Amersfoort # comment
                  phone 033 000 0000
                  secret no
                  node n-1
                    beds regular 1 2 A_3
                    count nood 4
                """);
        Path converted = dir.resolve("new.yaml");

        assertEquals(0, run("region-convert", "--from", old.toString(), "--to", converted.toString()), err.toString());
        var location = RegionFile.read(converted).locations().get(0);
        assertEquals("yes", location.code());
        assertEquals("No", location.name());
        assertEquals("[1, 2, A_3, *nood]", location.nodes().get(0).places().stream().map(place -> place.key()).toList()
                .toString());
        assertTrue(location.nodes().get(0).places().get(3).open(), "a count is open unless written closed");
        assertEquals("Regio: \"Noord\"", RegionFile.read(converted).name());

        assertEquals(1, run("region-convert", "--from", old.toString(), "--to", converted.toString()));
        assertTrue(err.toString().contains("exists already"), err.toString());
    }
}
