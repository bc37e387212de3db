package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTimeTest {

    @Test
    void the_fast_time_parser_gives_what_instant_parse_gives() {
        List<String> values = List.of("2026-11-22T22:15:40Z", "2026-11-22T22:15:40.1Z", "2026-11-22T22:15:40.120Z",
                "2026-11-22T22:15:40.123456789Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "2024-02-29T12:00:00.5Z", "2026-12-31T23:59:60Z", "2026-12-31T24:00:00Z");
        for (String value : values) {
            assertEquals(Instant.parse(value), Json.parseUtc(value), value);
        }
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
            assertEquals(instant, Json.parseUtc(instant.toString()));
        }
    }

    @Test
    void an_impossible_date_is_refused_as_instant_parse_refuses_it() {
        for (String value : List.of("2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-22T25:00:00Z",
                "2026-11-22T22:61:00Z")) {
            assertThrows(DateTimeException.class, () -> Instant.parse(value), value);
            assertThrows(DateTimeException.class, () -> Json.parseUtc(value), value);
        }
    }
}
