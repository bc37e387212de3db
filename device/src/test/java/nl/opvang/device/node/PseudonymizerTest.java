package nl.opvang.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.opvang.protocol.Check;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
    private final Pseudonymizer pseudonymizer = new Pseudonymizer("k1", "regio-sleutel-amersfoort");

    @Test
    void the_same_pass_gives_the_same_token() {
        assertEquals(pseudonymizer.token("12345678"), pseudonymizer.token(" 12345678 "));
    }

    @Test
    void another_key_gives_another_token() {
        assertNotEquals(pseudonymizer.token("12345678"), new Pseudonymizer("k1", "andere-sleutel").token("12345678"));
    }

    @Test
    void the_token_is_key_id_colon_sixteen_bytes_base64url_and_passes_the_contract() {
        String token = pseudonymizer.token("12345678");
        assertTrue(token.startsWith("k1:"), token);
        assertEquals(3 + 22, token.length());
        assertTrue(Check.TOKEN.matches(token), token);
        assertTrue(!token.contains("12345678"));
    }

    @Test
    void an_empty_pass_number_is_refused() {
        assertThrows(OperationRefused.class, () -> pseudonymizer.token(" "));
    }
}
