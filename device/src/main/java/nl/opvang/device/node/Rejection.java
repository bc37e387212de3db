package nl.opvang.device.node;

import java.time.Instant;

/** An event the hub stored but refused (from an ack), kept so that staff can see what did not count. */
public record Rejection(long seq, String type, String reason, Instant received) {
}
