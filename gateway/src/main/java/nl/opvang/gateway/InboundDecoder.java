package nl.opvang.gateway;

import java.util.List;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.NodeTopic;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.Reason;
import nl.opvang.protocol.Topics;

/**
 * Validates one received message against the contract (docs/DESIGN.md §3, "Bad input"): the topic, the payload, the
 * topic against the payload's site and node, the registry. A node message whose envelope reads becomes an {@link
 * Inbound} for the store, possibly as a {@link Payload.Invalid} to be refused in the ack; a node status becomes a call
 * on the sink after the batch; anything else bad is thrown as a {@link ProtocolException} and never reaches the store.
 * Used by the gateway's one worker only.
 */
final class InboundDecoder {
    private final Codec codec;
    private final IngestSink sink;
    private final Rejections rejections;

    InboundDecoder(Codec codec, IngestSink sink, Rejections rejections) {
        this.codec = codec;
        this.sink = sink;
        this.rejections = rejections;
    }

    /** Adds {@code message} to {@code batch} or to {@code statuses}, or throws why it is refused. */
    void decode(HubGateway.Received message, List<Inbound> batch, List<Runnable> statuses) {
        if (message.payload().length > Codec.MAX_BYTES) {
            throw new ProtocolException(Reason.TOO_LARGE, message.payload().length + " bytes");
        }
        NodeTopic topic = Topics.parse(message.topic());
        if (!topic.channel().fromNode()) {
            throw new ProtocolException(Reason.BAD_TOPIC, "not a node → hub channel: " + topic.channel().level());
        }
        if (topic.channel() == Channel.STATUS) {
            if (message.payload().length == 0) {
                return; // A retained status being cleared.
            }
            NodeStatus status = codec.decodeNodeStatus(message.payload());
            requireKnown(topic);
            statuses.add(() -> sink.nodeStatus(topic.site(), topic.node(), status));
            return;
        }
        // A message whose envelope reads but whose fields do not is stored as refused, never dropped: its seq is then
        // named in the ack and the node's later events are applied (docs/DESIGN.md §3).
        NodeMessage decoded = codec.decodeNodeMessage(message.payload(), message.at());
        if (!decoded.envelope().site().equals(topic.site()) || !decoded.envelope().node().equals(topic.node())) {
            throw new ProtocolException(Reason.TOPIC_MISMATCH, "payload names another site or node than its topic");
        }
        boolean birthTopic = topic.channel() == Channel.BIRTH;
        if (decoded.payload() instanceof Payload.Invalid invalid && invalid.birth() && !birthTopic) {
            // Only a birth on the birth topic may start a session, readable or not.
            decoded = new NodeMessage(decoded.envelope(), new Payload.Invalid(invalid.reason(), invalid.problem(),
                    invalid.fields(), false));
        } else if (!(decoded.payload() instanceof Payload.Invalid) && decoded.isBirth() != birthTopic) {
            decoded = new NodeMessage(decoded.envelope(), new Payload.Invalid(Reason.TOPIC_MISMATCH, "a " + decoded.type()
                    + " on the " + topic.channel().level() + " topic", codec.encodeFields(decoded.payload(), List.of()),
                    false));
        }
        requireKnown(topic);
        if (decoded.payload() instanceof Payload.Invalid invalid) {
            rejections.reject(invalid.reason(), message.topic(), invalid.problem() + " (stored as refused, named in the ack)");
        }
        batch.add(new Inbound(decoded, message.at(), message.nanos()));
    }

    private void requireKnown(NodeTopic topic) {
        if (!sink.knows(topic.site(), topic.node())) {
            throw new ProtocolException(Reason.UNKNOWN_NODE, "node " + topic.node() + " of site " + topic.site()
                    + " is not in the registry");
        }
    }
}
