package nl.opvang.gateway;

import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Command;

/** Something the hub sends to one node after a commit: an {@link Ack} or a {@link Command}. */
public sealed interface Reply {
    String site();

    String node();

    /** Everything up to {@code ack.seq()} of the node's session is durably stored. */
    record AckReply(String site, String node, Ack ack) implements Reply {
    }

    /** A command, e.g. {@code resend} after a gap or {@code rebirth} when the hub doubts its snapshot. */
    record CommandReply(String site, String node, Command command) implements Reply {
    }
}
