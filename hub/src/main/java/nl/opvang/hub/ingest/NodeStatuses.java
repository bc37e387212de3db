package nl.opvang.hub.ingest;

import java.time.Clock;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.NodeStatus;

/**
 * Follows the nodes' retained {@code status} messages (online, or the last will saying offline): stores a node's link
 * state, updates the projection after the commit, and lets the holds feature re-send what an online node has not
 * answered. A late will of an older connection, or of another session, changes nothing (docs/DESIGN.md §3).
 */
final class NodeStatuses {
    private final Database database;
    private final AvailabilityProjection projection;
    private final Clock clock;
    private final HoldHook holds;

    NodeStatuses(Database database, AvailabilityProjection projection, Clock clock, HoldHook holds) {
        this.database = database;
        this.projection = projection;
        this.clock = clock;
        this.holds = holds;
    }

    void apply(String site, String node, NodeStatus status) {
        NodeState current = projection.node(node).orElse(null);
        if (current == null) {
            return;
        }
        boolean sameSession = status.session().equals(current.session());
        if (sameSession ? status.connection() < current.connection() : !status.online()) {
            // A late last will of an older connection (docs/DESIGN.md §3), or a will of another session: the session a
            // replaced data folder left behind. A new session coming online counts its connections from 1 again.
            return;
        }
        NodeState next = current.withStatus(status.online(), status.connection());
        if (status.online()) {
            next = next.seen(clock.millis());
        }
        NodeState updated = next;
        database.transaction(connection -> {
            IngestStore.writeStatus(connection, updated);
            return null;
        });
        projection.apply(List.of(updated), List.of());
        if (status.online()) {
            holds.online(site, node);
        }
    }
}
