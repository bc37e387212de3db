package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A birth's optional {@code lost} range (docs/DESIGN.md §3): absent, null, or a valid range; anything else is refused.
 */
class BirthLostTest {
    private static final String BIRTH = "{\"v\":1,\"id\":\"6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"site\":\"amg\",\"node\":\"amg-1\","
            + "\"session\":\"b2e4c6d8-1a3b-4c5d-8e7f-9a0b1c2d3e4f\",\"seq\":412,\"at\":\"2026-12-07T03:01:12Z\",\"type\":\"birth\","
            + "\"software\":\"0.1.0\",\"heartbeatSeconds\":30,\"beds\":[]";
    private final Codec codec = new Codec();

    private Payload.Birth decode(String rest) {
        return (Payload.Birth) codec.decodeNodeMessage((BIRTH + rest + "}").getBytes(StandardCharsets.UTF_8)).payload();
    }

    @Test
    void an_ordinary_birth_declares_nothing_lost() {
        assertNull(decode("").lost());
        assertNull(decode(",\"lost\":null").lost());
    }

    @Test
    void a_range_is_read_and_a_range_that_is_not_one_is_refused() {
        assertEquals(new Payload.Lost(120, 287), decode(",\"lost\":{\"from\":120,\"to\":287}").lost());
        assertEquals(new Payload.Lost(5, 5), decode(",\"lost\":{\"from\":5,\"to\":5}").lost());
        assertThrows(ProtocolException.class, () -> decode(",\"lost\":{\"from\":9,\"to\":8}"));
        assertThrows(ProtocolException.class, () -> decode(",\"lost\":{\"from\":0,\"to\":8}"));
        assertThrows(ProtocolException.class, () -> decode(",\"lost\":{\"from\":1}"));
        assertThrows(ProtocolException.class, () -> decode(",\"lost\":[1,8]"));
    }
}
