package nl.opvang.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRegionTest {
    @Test
    void two_thousand_locations_give_two_thousand_nodes_and_twenty_thousand_places(@TempDir Path dir) throws Exception {
        Region region = RegionFile.read(new BenchRegion(2000).write(dir.resolve("bench.yaml")));
        long nodes = region.locations().stream().filter(location -> location.code().startsWith("l"))
                .mapToLong(location -> location.nodes().size()).sum();
        long places = region.locations().stream().filter(location -> location.code().startsWith("l"))
                .flatMap(location -> location.nodes().stream()).mapToLong(node -> node.places().size()).sum();
        assertEquals(2000, nodes);
        assertEquals(20_000, places);
    }

    @Test
    void the_device_jars_simulated_node_is_registered(@TempDir Path dir) throws Exception {
        Region region = RegionFile.read(new BenchRegion(3).write(dir.resolve("bench.yaml")));
        assertTrue(region.locations().stream().map(Location::code).anyMatch("sim1"::equals));
        assertEquals("l0003-1", BenchRegion.node(3));
    }
}
