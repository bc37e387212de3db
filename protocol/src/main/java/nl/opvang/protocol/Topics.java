package nl.opvang.protocol;

import java.util.List;

/** The one owner of the topic scheme. Nobody else concatenates topic strings. */
public final class Topics {
    public static final String PREFIX = "opvang/v1";
    public static final int QOS = 1;
    /** The hub's retained status; {@code offline} is its last will. */
    public static final String HUB_STATUS = PREFIX + "/hub/status";
    /** The hub's retained summary of live free places per location ({@link HubCounts}), read by every node. */
    public static final String HUB_COUNTS = PREFIX + "/hub/counts";
    /** What the hub subscribes to: every node's births, events and status. */
    public static final List<String> HUB_SUBSCRIPTIONS = List.of(
            PREFIX + "/+/+/" + Channel.BIRTH.level(),
            PREFIX + "/+/+/" + Channel.EVENT.level(),
            PREFIX + "/+/+/" + Channel.STATUS.level());

    private Topics() {
    }

    public static String node(String site, String node, Channel channel) {
        return PREFIX + "/" + Check.code("site", site) + "/" + Check.code("node", node) + "/" + channel.level();
    }

    /** Parses a node topic; the exception names the level that is wrong. */
    public static NodeTopic parse(String topic) {
        if (topic == null) {
            throw new ProtocolException(Reason.BAD_TOPIC, "no topic");
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 5) {
            throw new ProtocolException(Reason.BAD_TOPIC, "topic must have 5 levels, has " + levels.length + ": " + topic);
        }
        if (!"opvang".equals(levels[0]) || !"v1".equals(levels[1])) {
            throw new ProtocolException(Reason.BAD_TOPIC, "topic must start with " + PREFIX + ": " + topic);
        }
        if (!Check.CODE.matches(levels[2])) {
            throw new ProtocolException(Reason.BAD_TOPIC, "site level is not a code: " + levels[2]);
        }
        if (!Check.CODE.matches(levels[3])) {
            throw new ProtocolException(Reason.BAD_TOPIC, "node level is not a code: " + levels[3]);
        }
        for (Channel channel : Channel.values()) {
            if (channel.level().equals(levels[4])) {
                return new NodeTopic(levels[2], levels[3], channel);
            }
        }
        throw new ProtocolException(Reason.BAD_TOPIC, "unknown channel level: " + levels[4]);
    }
}
