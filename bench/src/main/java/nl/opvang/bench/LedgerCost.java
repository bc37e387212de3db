package nl.opvang.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.opvang.gateway.Inbound;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.ingest.EventFollower;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.monitoring.LedgerStore;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;

/**
 * What the monitoring ledger ({@link LedgerStore}) costs the ingest thread per event (docs/PERFORMANCE.md "CPU per
 * event"): two hub stores on two fresh databases, one keeping the ledger and one not ({@link EventFollower#NONE}), are
 * given the same batches of check-ins and check-outs in turn, and the storing thread's CPU time (SQLite's native code
 * included, as it runs on that thread) is divided by the events stored. Taking the batches in turn puts both under the
 * same machine load; the difference is the ledger's share. Clients come back (a pool of tokens), so the ledger's
 * questions about a client's earlier stays read real histories, which grow over the run as they do in a region.
 */
final class LedgerCost {
    private static final String SITE = "test";
    private static final String NODE = "test-1";
    private static final int BATCH = 200;
    private static final int CLIENTS = 2_000;
    private static final List<String> BEDS = List.of("T1", "T2", "T3", "T4");

    private final Path work;
    private final int batches;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    LedgerCost(Path work, int batches) {
        this.work = work;
        this.batches = batches;
    }

    List<Figure> measure() {
        Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));
        try (Side with = new Side(work.resolve("ledger-on"), region, new LedgerStore());
             Side without = new Side(work.resolve("ledger-off"), region, EventFollower.NONE)) {
            Events events = new Events();
            List<NodeMessage> birth = List.of(events.birth());
            with.store(birth);
            without.store(birth);
            List<Double> on = new ArrayList<>();
            List<Double> off = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                List<NodeMessage> batch = events.batch();
                // Each side first in every other batch: neither always runs in the other's wake.
                if (i % 2 == 0) {
                    on.add(with.store(batch));
                    off.add(without.store(batch));
                } else {
                    off.add(without.store(batch));
                    on.add(with.store(batch));
                }
            }
            int warm = batches / 5; // the JIT's first batches are left out
            List<Double> onRuns = on.subList(warm, on.size());
            List<Double> offRuns = off.subList(warm, off.size());
            List<Double> share = new ArrayList<>();
            for (int i = 0; i < onRuns.size(); i++) {
                share.add(onRuns.get(i) - offRuns.get(i));
            }
            String note = (batches - warm) + " batches of " + BATCH + " check-ins/-outs, " + CLIENTS
                    + " returning clients, storing thread's CPU";
            return List.of(
                    Figure.info("ingest store CPU per event, with the ledger", "µs", onRuns, note),
                    Figure.info("ingest store CPU per event, without the ledger", "µs", offRuns, note),
                    Figure.info("the ledger's CPU per event", "µs", share, "the difference, batch by batch"));
        }
    }

    /** One hub store on its own database. */
    private final class Side implements AutoCloseable {
        private final Database database;
        private final EventStore store;

        Side(Path dataDir, Region region, EventFollower follower) {
            Clock clock = Clock.systemUTC();
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            database = Database.open(dataDir);
            Registry.seed(database, region);
            Registry registry = Registry.load(database, region.code());
            AvailabilityProjection projection = new AvailabilityProjection(registry, clock);
            projection.load(database);
            store = new EventStore(database, registry, projection, clock, Duration.ofSeconds(2), metrics, HoldHook.NONE,
                    new LostEvents(new AuditLog(clock), metrics), follower);
        }

        /** Stores {@code messages} as one batch; the storing thread's CPU in µs per message. */
        double store(List<NodeMessage> messages) {
            List<Inbound> batch = messages.stream().map(m -> new Inbound(m, Instant.now(), System.nanoTime())).toList();
            long cpu = threads.getCurrentThreadCpuTime();
            store.store(batch);
            return (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / messages.size();
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** One node's stream: each client checks in on a bed and out again, clients taken from a pool in turn. */
    private static final class Events {
        private final String session = UUID.randomUUID().toString();
        private long seq;
        private long client;

        NodeMessage birth() {
            List<Payload.BedState> beds = BEDS.stream()
                    .map(bed -> new Payload.BedState(bed, Kind.REGULAR, PlaceStatus.FREE)).toList();
            return next(new Payload.Birth("bench", 30, beds, List.of()));
        }

        List<NodeMessage> batch() {
            List<NodeMessage> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH) {
                String bed = BEDS.get((int) (client % BEDS.size()));
                String token = "k1:ledger-cost-" + client % CLIENTS;
                batch.add(next(new Payload.CheckIn(bed, Kind.REGULAR, token, "0307", null)));
                batch.add(next(new Payload.CheckOut(bed, Kind.REGULAR, token, "eigen-woning")));
                client++;
            }
            return batch;
        }

        private NodeMessage next(Payload payload) {
            seq++;
            return new NodeMessage(new Envelope(Envelope.VERSION, UUID.randomUUID(), SITE, NODE, session, seq,
                    Instant.now()), payload);
        }
    }
}
