package nl.opvang.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void percentiles_are_values_that_were_really_seen() {
        long[] samples = new long[100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 100 - i;
        }
        assertEquals(50, Stats.percentile(samples, 0.5));
        assertEquals(99, Stats.percentile(samples, 0.99));
        assertEquals(100, Stats.max(samples));
    }

    @Test
    void the_median_of_runs_ignores_one_outlier() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0, 900.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(1.0, 2.0, 3.0, 4.0)));
    }
}
