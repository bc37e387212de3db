package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.opvang.hub.location.NodeSpec;
import org.junit.jupiter.api.Test;

/** The embedded broker reads the ACL broker-config writes and grants what Mosquitto would with it. */
class AclFileTest {
    private static final AclFile ACL = AclFile.parse(BrokerConfig.acl(List.of(new NodeSpec("amg-1", "amg", List.of()),
            new NodeSpec("sp-1", "sp", List.of()))));

    @Test
    void a_node_writes_and_reads_only_its_own_topics() {
        assertTrue(ACL.mayWrite("node-amg-1", "opvang/v1/amg/amg-1/event"));
        assertTrue(ACL.mayWrite("node-amg-1", "opvang/v1/amg/amg-1/status"));
        assertTrue(ACL.mayRead("node-amg-1", "opvang/v1/amg/amg-1/ack"));
        assertTrue(ACL.mayRead("node-amg-1", "opvang/v1/hub/status"));

        assertFalse(ACL.mayWrite("node-amg-1", "opvang/v1/sp/sp-1/event"));
        assertFalse(ACL.mayWrite("node-amg-1", "opvang/v1/amg/sp-1/event"));
        assertFalse(ACL.mayWrite("node-amg-1", "opvang/v1/amg/amg-1/ack"));
        assertFalse(ACL.mayWrite("node-amg-1", "opvang/v1/hub/status"));
        assertFalse(ACL.mayRead("node-amg-1", "opvang/v1/sp/sp-1/ack"));
        assertFalse(ACL.mayRead("node-amg-1", "opvang/v1/amg/+/ack"));
        assertFalse(ACL.mayRead("node-amg-1", "opvang/v1/#"));
        assertFalse(ACL.mayRead("node-amg-1", "#"));
        assertFalse(ACL.mayWrite("nobody", "opvang/v1/amg/amg-1/event"));
        assertFalse(ACL.mayWrite(null, "opvang/v1/amg/amg-1/event"));
    }

    @Test
    void the_hub_subscribes_with_wildcards_its_rules_cover_and_no_wider() {
        assertTrue(ACL.mayRead(BrokerConfig.HUB_USER, "opvang/v1/+/+/event"));
        assertTrue(ACL.mayRead(BrokerConfig.HUB_USER, "opvang/v1/amg/amg-1/birth"));
        assertTrue(ACL.mayWrite(BrokerConfig.HUB_USER, "opvang/v1/sp/sp-1/ack"));
        assertTrue(ACL.mayWrite(BrokerConfig.HUB_USER, "opvang/v1/hub/counts"));

        assertFalse(ACL.mayRead(BrokerConfig.HUB_USER, "opvang/v1/#"));
        assertFalse(ACL.mayRead(BrokerConfig.HUB_USER, "opvang/v1/+/#"));
        assertFalse(ACL.mayRead(BrokerConfig.HUB_USER, "opvang/v1/+/+/ack"));
        assertFalse(ACL.mayWrite(BrokerConfig.HUB_USER, "opvang/v1/amg/amg-1/event"));
    }

    @Test
    void covers_follows_mqtt_wildcards() {
        assertTrue(AclFile.covers("a/#", "a"));
        assertTrue(AclFile.covers("a/#", "a/b/c"));
        assertTrue(AclFile.covers("a/#", "a/#"));
        assertTrue(AclFile.covers("a/+/c", "a/+/c"));
        assertFalse(AclFile.covers("a/+/c", "a/#"));
        assertFalse(AclFile.covers("a/b", "a/+"));
        assertFalse(AclFile.covers("a/b", "a/b/c"));
        assertFalse(AclFile.covers("a/b/c", "a/b"));
    }

    @Test
    void lines_broker_config_does_not_write_are_refused_with_their_number() {
        IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class,
                () -> AclFile.parse("user a\ntopic read x\npattern read %u/#\n"));
        assertTrue(pattern.getMessage().startsWith("acl line 3:"), pattern.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AclFile.parse("topic read #\n"));
        assertThrows(IllegalArgumentException.class, () -> AclFile.parse("user a\ntopic deny x\n"));
        assertTrue(AclFile.parse("# only a comment\n\n").users().isEmpty());
    }
}
