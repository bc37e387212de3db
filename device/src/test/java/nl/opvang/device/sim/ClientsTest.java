package nl.opvang.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live simulation brings the demo history's clients back: the same passes, so the same tokens at the hub. */
class ClientsTest {
    @TempDir
    Path dir;

    @Test
    void the_live_days_bring_back_the_historys_clients_with_their_origin_and_never_one_who_is_inside() {
        NodeConfig node = NodeConfig.simulated("sma", "sma-1", "tcp://127.0.0.1:1", dir,
                List.of(new NodeConfig.BedConfig("B1", Kind.REGULAR), new NodeConfig.BedConfig("B2", Kind.REGULAR),
                        new NodeConfig.BedConfig("B3", Kind.CRISIS)), List.of());
        History.Plan plan = History.plan(List.of(node), Instant.parse("2026-12-07T12:00:00Z"), 7);
        Set<String> inBed = new HashSet<>(plan.inBed().get(0).values());
        Clients clients = new Clients(plan.clients(), inBed);
        Random random = new Random(1);

        Set<String> known = new HashSet<>(plan.clients().keySet());
        int returning = 0;
        int fromHistory = 0;
        for (int i = 0; i < 1_000; i++) {
            Clients.Arrival arrival = clients.arrive(random, History.ORIGINS);
            assertFalse(inBed.contains(arrival.pass()), "someone still in a bed does not arrive again");
            if (plan.clients().containsKey(arrival.pass())) {
                fromHistory++;
                assertEquals(plan.clients().get(arrival.pass()), arrival.origin(), "the same municipality of origin");
            }
            returning += known.add(arrival.pass()) ? 0 : 1;
            assertTrue(clients.isInside(arrival.pass()));
            clients.left(arrival.pass());
        }
        assertTrue(returning > 250 && returning < 450, returning + " of 1000 arrivals stayed before");
        assertTrue(fromHistory > 20, fromHistory + " arrivals stayed in the history");
    }

    @Test
    void new_clients_get_passes_the_history_never_gave() {
        NodeConfig node = NodeConfig.simulated("sma", "sma-1", "tcp://127.0.0.1:1", dir,
                List.of(new NodeConfig.BedConfig("B1", Kind.REGULAR)), List.of());
        History.Plan plan = History.plan(List.of(node), Instant.parse("2026-12-07T12:00:00Z"), 7);
        Clients clients = new Clients(plan.clients(), Set.of());
        Random random = new Random(2);
        Set<String> arrived = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            arrived.add(clients.arrive(random, History.ORIGINS).pass()); // nobody leaves: each one is new or known
        }
        assertEquals(200, arrived.size(), "nobody inside arrives twice, and no new pass is one the history gave");
        assertTrue(arrived.stream().anyMatch(pass -> !plan.clients().containsKey(pass)), "some are new");
    }
}
