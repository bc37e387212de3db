package nl.opvang.bench;

import java.util.List;

/**
 * One line of the result table: what was measured, the median over the measured runs, what it is compared with
 * (a floor measured in the same run, or nothing), the ratio, the target and whether it was met.
 *
 * @param name       what was measured, e.g. "peak durable ingest"
 * @param unit       e.g. "events/s", "ms"
 * @param value      median of {@code runs}
 * @param runs       the per-run values
 * @param reference  what the value is compared with, e.g. "raw MQTT p99 + 5 ms"; null when nothing
 * @param referenceValue the reference's value in the same unit, or null
 * @param target     the target in words, e.g. "≥ 10000 events/s"; null when informational
 * @param pass       whether the target was met; null when there is no target
 * @param note       how it was measured, in a few words
 */
public record Figure(String name, String unit, double value, List<Double> runs, String reference, Double referenceValue,
                     String target, Boolean pass, String note) {
    public Figure {
        runs = List.copyOf(runs);
    }

    /** value / referenceValue, or null without a reference. */
    public Double ratio() {
        return referenceValue == null || referenceValue == 0 ? null : value / referenceValue;
    }

    /** A measured figure with no target of its own (a floor, or a detail). */
    public static Figure info(String name, String unit, List<Double> runs, String note) {
        return new Figure(name, unit, Stats.median(runs), runs, null, null, null, null, note);
    }

    /** A figure with a target: at least {@code min}. */
    public static Figure atLeast(String name, String unit, List<Double> runs, String reference, Double referenceValue,
                                 double min, String note) {
        double value = Stats.median(runs);
        return new Figure(name, unit, value, runs, reference, referenceValue, "≥ " + format(min) + " " + unit, value >= min, note);
    }

    /** A figure with a target: at most {@code max}. */
    public static Figure atMost(String name, String unit, List<Double> runs, String reference, Double referenceValue,
                                double max, String note) {
        double value = Stats.median(runs);
        return new Figure(name, unit, value, runs, reference, referenceValue, "≤ " + format(max) + " " + unit, value <= max, note);
    }

    /** A figure that could not be measured: shown, with why, and failed. */
    public static Figure failed(String name, String why) {
        return new Figure(name, "", Double.NaN, List.of(), null, null, "measured", false, why);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) >= 100) {
            return String.format(java.util.Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", value);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
