package nl.opvang.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {
    @Test
    void a_latency_target_passes_on_the_median_of_runs() {
        Figure figure = Figure.atMost("p99", "ms", List.of(1.0, 9.0, 2.0), "floor", 0.5, 3.0, null);
        assertEquals(2.0, figure.value());
        assertTrue(figure.pass());
        assertEquals(4.0, figure.ratio());
    }

    @Test
    void a_throughput_below_its_target_fails() {
        Figure figure = Figure.atLeast("ingest", "events/s", List.of(4000.0), null, null, 10_000, null);
        assertFalse(figure.pass());
        assertNull(figure.ratio());
    }
}
