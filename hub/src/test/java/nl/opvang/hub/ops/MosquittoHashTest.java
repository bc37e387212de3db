package nl.opvang.hub.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker accepts exactly the passwords Mosquitto would: hashes made by the real mosquitto_passwd. */
class MosquittoHashTest {
    @TempDir
    Path dir;

    @Test
    void pbkdf2_hashes_from_mosquitto_passwd_match_their_password_only() {
        SecuredBroker.requireTools();
        Map<String, String> hashes = MosquittoPasswd.find().hash(Map.of("a", "Geheim-wachtwoord-1", "b", "ü-and-€")).hashes();

        assertTrue(hashes.get("a").startsWith("$7$"), hashes.get("a"));
        assertTrue(MosquittoHash.matches("Geheim-wachtwoord-1", hashes.get("a")));
        assertTrue(MosquittoHash.matches("ü-and-€", hashes.get("b")));
        assertFalse(MosquittoHash.matches("Geheim-wachtwoord-2", hashes.get("a")));
        assertFalse(MosquittoHash.matches("", hashes.get("a")));
        assertFalse(MosquittoHash.matches("ü-and-€", hashes.get("a")));
    }

    @Test
    void salted_sha512_hashes_of_mosquitto_1_x_match_too() throws Exception {
        SecuredBroker.requireTools();
        Path file = dir.resolve("passwd");
        SecuredBroker.run(dir, null, List.of("/usr/bin/mosquitto_passwd", "-H", "sha512", "-c", "-b", file.toString(), "old",
                "Oud-wachtwoord"));
        String hash = PasswordFile.read(file).hashes().get("old");

        assertTrue(hash.startsWith("$6$"), hash);
        assertTrue(MosquittoHash.matches("Oud-wachtwoord", hash));
        assertFalse(MosquittoHash.matches("Oud-wachtwoord ", hash));
        assertTrue(Files.exists(file));
    }

    @Test
    void anything_else_is_refused() {
        for (String hash : List.of("", "plain", "$7$", "$7$0$c2FsdA==$aGFzaA==", "$7$99999999$c2FsdA==$aGFzaA==",
                "$7$101$not base64$aGFzaA==", "$5$c2FsdA==$aGFzaA==", "$6$c2FsdA==")) {
            assertFalse(MosquittoHash.matches("password", hash), hash);
        }
        assertFalse(MosquittoHash.matches((String) null, "$6$c2FsdA==$aGFzaA=="));
    }
}
