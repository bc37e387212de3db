package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void a_node_topic_is_built_from_site_node_and_channel() {
        assertEquals("opvang/v1/amg/amg-1/event", Topics.node("amg", "amg-1", Channel.EVENT));
        assertEquals("opvang/v1/test/test-1/cmd", new NodeTopic("test", "test-1", Channel.CMD).topic());
    }

    @Test
    void every_channel_parses_back_to_what_built_it() {
        for (Channel channel : Channel.values()) {
            NodeTopic topic = Topics.parse(Topics.node("amg", "amg-1", channel));
            assertEquals(new NodeTopic("amg", "amg-1", channel), topic);
        }
    }

    @Test
    void building_a_topic_with_a_bad_code_names_the_field() {
        ProtocolException site = assertThrows(ProtocolException.class, () -> Topics.node("Amersfoort", "amg-1", Channel.EVENT));
        assertTrue(site.getMessage().contains("'site'"), site.getMessage());
        ProtocolException node = assertThrows(ProtocolException.class, () -> Topics.node("amg", "amg/1", Channel.EVENT));
        assertTrue(node.getMessage().contains("'node'"), node.getMessage());
        ProtocolException wildcard = assertThrows(ProtocolException.class, () -> Topics.node("+", "amg-1", Channel.EVENT));
        assertEquals(Reason.BAD_FIELD, wildcard.reason());
    }

    @Test
    void each_wrong_level_is_named_when_parsing() {
        assertBadTopic("levels", "opvang/v1/amg/event");
        assertBadTopic("levels", "opvang/v1/amg/amg-1/event/extra");
        assertBadTopic("levels", "");
        assertBadTopic("start with opvang/v1", "opvang/v2/amg/amg-1/event");
        assertBadTopic("start with opvang/v1", "shelter/v1/amg/amg-1/event");
        assertBadTopic("site level", "opvang/v1/AMG/amg-1/event");
        assertBadTopic("site level", "opvang/v1/+/amg-1/event");
        assertBadTopic("node level", "opvang/v1/amg//event");
        assertBadTopic("node level", "opvang/v1/amg/amg 1/event");
        assertBadTopic("channel level", "opvang/v1/amg/amg-1/events");
        assertBadTopic("channel level", "opvang/v1/amg/amg-1/EVENT");
    }

    @Test
    void the_hub_status_topic_is_not_a_node_topic() {
        assertEquals("opvang/v1/hub/status", Topics.HUB_STATUS);
        assertBadTopic("levels", Topics.HUB_STATUS);
    }

    @Test
    void no_topic_at_all_is_a_bad_topic() {
        assertEquals(Reason.BAD_TOPIC, assertThrows(ProtocolException.class, () -> Topics.parse(null)).reason());
    }

    @Test
    void every_channel_is_qos_1_and_only_status_is_retained() {
        for (Channel channel : Channel.values()) {
            assertEquals(1, channel.qos(), channel.name());
            assertEquals(channel == Channel.STATUS, channel.retained(), channel.name());
        }
    }

    @Test
    void birth_event_and_status_go_from_node_to_hub_and_ack_and_cmd_the_other_way() {
        assertTrue(Channel.BIRTH.fromNode());
        assertTrue(Channel.EVENT.fromNode());
        assertTrue(Channel.STATUS.fromNode());
        assertFalse(Channel.ACK.fromNode());
        assertFalse(Channel.CMD.fromNode());
        assertEquals(List.of("birth", "event", "status", "ack", "cmd"),
                List.of(Channel.values()).stream().map(Channel::level).toList());
    }

    @Test
    void the_hub_subscribes_to_every_topic_a_node_publishes_and_to_nothing_it_publishes_itself() {
        assertEquals(List.of("opvang/v1/+/+/birth", "opvang/v1/+/+/event", "opvang/v1/+/+/status"), Topics.HUB_SUBSCRIPTIONS);
        for (Channel channel : Channel.values()) {
            String topic = Topics.node("vo", "vo-2", channel);
            boolean heard = Topics.HUB_SUBSCRIPTIONS.stream().anyMatch(filter -> matches(filter, topic));
            assertEquals(channel.fromNode(), heard, topic);
        }
        assertFalse(Topics.HUB_SUBSCRIPTIONS.stream().anyMatch(filter -> matches(filter, Topics.HUB_STATUS)));
    }

    private static void assertBadTopic(String named, String topic) {
        ProtocolException refused = assertThrows(ProtocolException.class, () -> Topics.parse(topic), topic);
        assertEquals(Reason.BAD_TOPIC, refused.reason());
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }

    /** MQTT filter matching for the single-level wildcard, enough for the hub's subscriptions. */
    private static boolean matches(String filter, String topic) {
        String[] wanted = filter.split("/", -1);
        String[] levels = topic.split("/", -1);
        if (wanted.length != levels.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (!wanted[i].equals("+") && !wanted[i].equals(levels[i])) {
                return false;
            }
        }
        return true;
    }
}
