package nl.opvang.protocol;

import java.util.Locale;

/** The last level of a node topic, with its direction, QoS and retain flag (docs/DESIGN.md §3). */
public enum Channel {
    BIRTH(true, false),
    EVENT(true, false),
    STATUS(true, true),
    ACK(false, false),
    CMD(false, false);

    private final boolean fromNode;
    private final boolean retained;

    Channel(boolean fromNode, boolean retained) {
        this.fromNode = fromNode;
        this.retained = retained;
    }

    public String level() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean fromNode() {
        return fromNode;
    }

    public boolean retained() {
        return retained;
    }

    /** Every message of the contract is QoS 1: at least once, de-duplicated by the receiver. */
    public int qos() {
        return Topics.QOS;
    }
}
