package nl.opvang.gateway;

import java.util.List;
import nl.opvang.protocol.NodeStatus;

/**
 * What the hub does with the messages the gateway accepted. Called from the gateway's single worker thread only,
 * never from a broker callback.
 */
public interface IngestSink {
    /** Whether the registry has this node and it serves this site. Unknown nodes are rejected before storing. */
    boolean knows(String site, String node);

    /**
     * Stores a batch in one durable transaction (docs/DESIGN.md §3: ordering and de-duplication by {@code seq} in the
     * store) and returns what to tell the nodes. The gateway publishes the replies only after this returns, so an ack
     * always follows the commit.
     */
    List<Reply> store(List<Inbound> batch);

    /** A node's retained status arrived (online, or its last will). */
    void nodeStatus(String site, String node, NodeStatus status);
}
