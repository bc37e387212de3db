package nl.opvang.hub.availability;

/**
 * What the hub knows of a node's liveliness. {@code lastSeenMs} is the hub's clock at the last message from the node
 * (never the node's clock, which may be a day off); {@code online} follows the node's retained status and last will.
 */
public record NodeState(String code, String site, String session, long lastSeq, int heartbeatSeconds, Long lastSeenMs,
                        boolean online, long connection, String software, String mismatch) {

    /**
     * Heard at {@code atMs}; never moves back: an event held for a gap is applied with the hour it arrived, after later
     * messages of the node, and must not make the node look silent since.
     */
    public NodeState seen(long atMs) {
        long last = lastSeenMs == null ? atMs : Math.max(lastSeenMs, atMs);
        return new NodeState(code, site, session, lastSeq, heartbeatSeconds, last, true, connection, software, mismatch);
    }

    public NodeState withCursor(String newSession, long newLastSeq) {
        return new NodeState(code, site, newSession, newLastSeq, heartbeatSeconds, lastSeenMs, online, connection, software,
                mismatch);
    }

    /**
     * A birth in a new session (its data folder was replaced or reset): a new sequence, and the node counts its
     * connections from 1 again, so the count of the old session no longer applies.
     */
    public NodeState withNewSession(String newSession, long newLastSeq) {
        return new NodeState(code, site, newSession, newLastSeq, heartbeatSeconds, lastSeenMs, online, 0, software, mismatch);
    }

    public NodeState withBirth(int newHeartbeatSeconds, String newSoftware, String newMismatch) {
        return new NodeState(code, site, session, lastSeq, newHeartbeatSeconds, lastSeenMs, online, connection, newSoftware,
                newMismatch);
    }

    public NodeState withStatus(boolean newOnline, long newConnection) {
        return new NodeState(code, site, session, lastSeq, heartbeatSeconds, lastSeenMs, newOnline, newConnection, software,
                mismatch);
    }

    /** Live: heard within its heartbeat interval (with half an interval of grace); stale after; offline when it said so. */
    public Freshness freshness(long nowMs) {
        if (lastSeenMs == null || !online) {
            return Freshness.OFFLINE;
        }
        long silentMs = nowMs - lastSeenMs;
        long intervalMs = heartbeatSeconds * 1000L;
        if (silentMs <= intervalMs + intervalMs / 2) {
            return Freshness.LIVE;
        }
        return silentMs > intervalMs * 10 ? Freshness.OFFLINE : Freshness.STALE;
    }
}
