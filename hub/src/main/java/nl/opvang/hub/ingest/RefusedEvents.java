package nl.opvang.hub.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.store.Database;

/**
 * What admins see of the events the hub refused ({@link Refusals}): conflicting copies (two nodes with one identity)
 * and events stored as refused (a body that breaks the contract, a bed that is not the node's, a superseded event),
 * whole, with the node and the time. Read-only; the SQL is in {@link IngestStore}.
 */
public final class RefusedEvents {
    private final Database database;

    public RefusedEvents(Database database) {
        this.database = database;
    }

    /**
     * One refused event.
     *
     * @param kind       {@code conflict} (the seq holds another stored event) or {@code refused} (stored as refused)
     * @param storedId   for a conflict, the id stored at that seq; else null
     * @param reason     the technical reason, in English as the ack gives it to the node
     * @param reasonCode the reason's code ({@link Refusals#code}); the pages show it in Dutch as {@code refused.<code>}
     * @param body       the event's own fields as sent, without the token and a hold's instructions
     */
    public record Refused(String kind, String node, String site, String session, long seq, String id, String storedId,
                          String type, String reason, String reasonCode, String nodeAt, Instant receivedAt,
                          String body) {
    }

    /** The newest {@code limit} refused events of every node, newest first. */
    public List<Refused> newest(int limit) {
        return database.read(connection -> IngestStore.newestRefused(connection, Refusals.CONFLICT, limit));
    }


    /** Per node: how many of its events were refused since {@code since} (conflicting copies included). */
    public Map<String, Long> countsSince(Instant since) {
        return database.read(connection -> IngestStore.refusedCountsSince(connection, since.toEpochMilli()));
    }
}
