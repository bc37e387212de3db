package nl.opvang.gateway;

import java.time.Instant;
import nl.opvang.protocol.NodeMessage;

/** A valid birth or event, checked against its topic and the registry, as handed to the {@link IngestSink}. */
public record Inbound(NodeMessage message, Instant receivedAt, long receivedNanos) {
    public String site() {
        return message.envelope().site();
    }

    public String node() {
        return message.envelope().node();
    }
}
