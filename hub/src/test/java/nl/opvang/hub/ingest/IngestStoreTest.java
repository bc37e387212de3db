package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.NodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStoreTest {
    @TempDir
    Path dataDir;
    HubStoreFixture hub;

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void a_status_without_a_last_seen_time_is_stored_as_null() {
        hub = new HubStoreFixture(dataDir);
        NodeState node = hub.projection.node("test-1").orElseThrow();
        hub.database.transaction(connection -> {
            IngestStore.writeStatus(connection, new NodeState(node.code(), node.site(), node.session(), node.lastSeq(),
                    node.heartbeatSeconds(), null, true, 3, node.software(), node.mismatch()));
            return null;
        });

        assertEquals(1, hub.count("SELECT COUNT(*) FROM node WHERE code = 'test-1' AND last_seen_ms IS NULL"
                + " AND online = 1 AND connection_count = 3"));
    }

    @Test
    void refused_events_and_conflicting_copies_are_counted_per_node_since_a_time_and_listed_newest_first() {
        hub = new HubStoreFixture(dataDir);
        Messages node = new Messages("test", "test-1");
        hub.deliver(node.testBirth(), node.checkIn("T1", Messages.token(1)));
        Instant since = hub.clock.instant();
        Messages impostor = new Messages("test", "test-1", node.session());
        impostor.testBirth();
        NodeMessage clash = impostor.checkIn("T4", Messages.token(4));
        hub.deliver(clash);
        hub.clock.advance(Duration.ofSeconds(1));
        hub.deliver(node.checkIn("S01", Messages.token(2)));

        assertEquals(Map.of("test-1", 2L), new RefusedEvents(hub.database).countsSince(since));
        assertEquals(Map.of(), new RefusedEvents(hub.database).countsSince(hub.clock.instant().plusMillis(1)));
        var newest = new RefusedEvents(hub.database).newest(10);
        assertEquals(2, newest.size());
        assertEquals("refused", newest.get(0).kind());
        assertEquals(3, newest.get(0).seq());
        assertEquals("test", newest.get(0).site());
        assertEquals("conflict", newest.get(1).kind());
        assertEquals(Refusals.CONFLICT, newest.get(1).reason());
        assertEquals(clash.envelope().id().toString(), newest.get(1).id());
        assertEquals(1, new RefusedEvents(hub.database).newest(1).size());
    }
}
