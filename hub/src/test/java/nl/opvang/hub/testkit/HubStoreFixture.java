package nl.opvang.hub.testkit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.HoldHook;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.monitoring.LedgerStore;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.testing.MutableClock;

/**
 * The hub's store as it runs, on a real SQLite file: database, seed region plus test location, projection, event store
 * (with the monitoring figures kept on ingest, as in the hub).
 */
public final class HubStoreFixture implements AutoCloseable {
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:00:00Z"));
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final Path dataDir;
    public Database database;
    public Registry registry;
    public AvailabilityProjection projection;
    public EventStore store;

    public HubStoreFixture(Path dataDir) {
        this.dataDir = dataDir;
        open();
    }

    /** Opens (or reopens, as after a restart) everything on the same data folder. */
    public void open() {
        database = Database.open(dataDir);
        Region region = RegionFile.resource(RegionFile.SEED).plus(RegionFile.resource(RegionFile.TEST_LOCATION));
        Registry.seed(database, region);
        registry = Registry.load(database, region.code());
        projection = new AvailabilityProjection(registry, clock);
        projection.load(database);
        store = new EventStore(database, registry, projection, clock, Duration.ofSeconds(2), metrics, HoldHook.NONE,
                new LostEvents(new AuditLog(clock), metrics), new LedgerStore());
    }

    public void reopen() {
        database.close();
        open();
    }

    public List<Reply> deliver(NodeMessage... messages) {
        return store.store(java.util.Arrays.stream(messages)
                .map(message -> new Inbound(message, clock.instant(), System.nanoTime())).toList());
    }

    public long count(String sql) {
        return database.read(connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
