package nl.opvang.protocol;

/** A parsed node topic {@code opvang/v1/{site}/{node}/{channel}}. */
public record NodeTopic(String site, String node, Channel channel) {
    public NodeTopic {
        Check.code("site", site);
        Check.code("node", node);
        Check.present("channel", channel);
    }

    public String topic() {
        return Topics.node(site, node, channel);
    }
}
