package nl.opvang.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles and medians over measured samples; nearest-rank, so a p99 is a value that was really seen. */
public final class Stats {
    private Stats() {
    }

    /** The {@code q}-quantile (0..1) of {@code samples} by nearest rank; the array is sorted in place. */
    public static double percentile(long[] samples, double q) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        Arrays.sort(samples);
        int rank = (int) Math.ceil(q * samples.length);
        return samples[Math.min(samples.length - 1, Math.max(0, rank - 1))];
    }

    public static double max(long[] samples) {
        return Arrays.stream(samples).max().orElseThrow();
    }

    /** The median of per-run values (the mean of the middle two for an even count). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double millis(double nanos) {
        return nanos / 1_000_000.0;
    }
}
