package nl.opvang.hub.retention;

/** Where an event is stored: its node, session and seq (the event table's key). No personal data. */
public record EventKey(String node, String session, long seq) {
}
