package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_names_argon2id_and_its_parameters_and_verifies_only_the_right_password() {
        String hash = hasher.hash("correct horse battery");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("correct horse battery", hash));
        assertFalse(hasher.verify("correct horse batterY", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void each_hash_has_its_own_salt() {
        assertNotEquals(hasher.hash("demo"), hasher.hash("demo"));
    }

    @Test
    void a_malformed_stored_hash_never_verifies() {
        assertFalse(hasher.verify("demo", "demo"));
        assertFalse(hasher.verify("demo", "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("demo", "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA"));
    }
}
