package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
    private static final NodeSpec AMG = new NodeSpec("amg-1", "amg", List.of());
    private static final NodeSpec SP = new NodeSpec("sp-1", "sp", List.of());

    @TempDir
    Path dir;

    @Test
    void the_acl_gives_each_node_its_own_topics_in_an_explicit_user_block() {
        String acl = BrokerConfig.acl(List.of(AMG));

        assertTrue(acl.contains("""
                user opvang-hub
                topic read opvang/v1/+/+/birth
                topic read opvang/v1/+/+/event
                topic read opvang/v1/+/+/status
                topic write opvang/v1/+/+/ack
                topic write opvang/v1/+/+/cmd
                topic write opvang/v1/hub/status
                topic write opvang/v1/hub/counts
                """), acl);
        assertTrue(acl.endsWith("""
                user node-amg-1
                topic write opvang/v1/amg/amg-1/birth
                topic write opvang/v1/amg/amg-1/event
                topic write opvang/v1/amg/amg-1/status
                topic read opvang/v1/amg/amg-1/cmd
                topic read opvang/v1/amg/amg-1/ack
                topic read opvang/v1/hub/status
                topic read opvang/v1/hub/counts
                """), acl);
        assertFalse(acl.contains("pattern"), acl);
    }

    @Test
    void a_code_that_would_smuggle_a_line_into_the_acl_is_refused() {
        assertThrows(ProtocolException.class, () -> BrokerConfig.acl(List.of(new NodeSpec("x\ntopic readwrite #", "amg", List.of()))));
    }

    @Test
    void regenerating_keeps_passwords_and_gives_new_nodes_and_rotated_users_new_ones() throws IOException {
        SecuredBroker.requireTools();
        BrokerConfig config = new BrokerConfig(dir, MosquittoPasswd.find());

        BrokerConfig.Generated first = config.generate(List.of(AMG), Set.of(), Set.of());
        String amgHash = PasswordFile.read(dir.resolve("passwd")).hashes().get("node-amg-1");
        BrokerConfig.Generated second = config.generate(List.of(AMG, SP), Set.of(), Set.of());
        String hubHash = PasswordFile.read(dir.resolve("passwd")).hashes().get("opvang-hub");
        BrokerConfig.Generated third = config.generate(List.of(AMG, SP), Set.of(), Set.of("opvang-hub"));
        PasswordFile passwords = PasswordFile.read(dir.resolve("passwd"));

        assertEquals(List.of("node-amg-1", "opvang-hub"), first.created());
        assertEquals(List.of("node-sp-1"), second.created());
        assertEquals(List.of("opvang-hub"), third.created());
        assertEquals(amgHash, passwords.hashes().get("node-amg-1"));
        assertNotEquals(hubHash, passwords.hashes().get("opvang-hub"));
        assertTrue(amgHash.startsWith("$7$"), "PBKDF2-SHA512 from mosquitto_passwd: " + amgHash);
        assertEquals(32, Files.readString(dir.resolve("new-credentials/node-sp-1.password")).strip().length());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("new-credentials/node-sp-1.password"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("passwd"))));
    }

    @Test
    void a_revoked_node_stays_revoked_when_the_files_are_regenerated() throws IOException {
        SecuredBroker.requireTools();
        BrokerConfig config = new BrokerConfig(dir, MosquittoPasswd.find());
        config.generate(List.of(AMG, SP), Set.of(), Set.of());

        BrokerConfig.Generated revoked = config.generate(List.of(AMG, SP), Set.of("sp-1"), Set.of());
        BrokerConfig.Generated later = config.generate(List.of(AMG, SP), Set.of(), Set.of());

        assertEquals(List.of("node-sp-1"), revoked.removed());
        assertEquals(List.of(), later.created());
        assertEquals(List.of("sp-1"), later.revoked());
        assertFalse(PasswordFile.read(dir.resolve("passwd")).has("node-sp-1"));
        assertFalse(Files.readString(dir.resolve("acl")).contains("sp-1"));
        assertEquals("sp-1\n", Files.readString(dir.resolve("revoked")));
    }
}
