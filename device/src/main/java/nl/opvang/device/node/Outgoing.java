package nl.opvang.device.node;

import nl.opvang.protocol.Channel;

/** One outbox row ready to publish: its {@code seq}, the channel its type goes to, and the encoded JSON. */
public record Outgoing(long seq, String type, byte[] payload) {
    public Channel channel() {
        return "birth".equals(type) ? Channel.BIRTH : Channel.EVENT;
    }
}
