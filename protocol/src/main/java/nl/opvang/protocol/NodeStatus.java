package nl.opvang.protocol;

/**
 * A node's retained status; the {@code offline} one is its last will. {@code connection} counts the node's connects,
 * so the hub can ignore a late will of an older connection.
 */
public record NodeStatus(int v, boolean online, String session, long connection) {
    public NodeStatus {
        if (v != Envelope.VERSION) {
            throw new ProtocolException(Reason.UNKNOWN_VERSION, "unknown version v=" + v);
        }
        Check.matches("session", session, Check.SESSION);
        Check.atLeast("connection", connection, 0);
    }

    public static NodeStatus online(String session, long connection) {
        return new NodeStatus(Envelope.VERSION, true, session, connection);
    }

    public static NodeStatus offline(String session, long connection) {
        return new NodeStatus(Envelope.VERSION, false, session, connection);
    }
}
