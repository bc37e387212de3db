package nl.opvang.hub.monitoring;

/**
 * One number in an answer (docs/MONITORING.md "Small cells"): a {@code count} of people, stays, nights or places, or a
 * derived {@code value} (a percentage, hours) with its {@code unit}. For the gemeente role a count under
 * {@link #THRESHOLD}, and a value derived from fewer than that many, is suppressed: {@code count} and {@code value}
 * null, {@code shown} "&lt; 5".
 */
public record Cell(Long count, Double value, String unit, boolean suppressed, String shown) {
    /** The smallest number of people an answer to the gemeente shows. */
    public static final int THRESHOLD = 5;
    static final String SMALL = "< " + THRESHOLD;

    static Cell count(long count, boolean suppress) {
        return suppress && count < THRESHOLD ? new Cell(null, null, "aantal", true, SMALL)
                : new Cell(count, null, "aantal", false, Long.toString(count));
    }

    /** A value derived from {@code base} counted people (or place-nights), suppressed with its base. */
    static Cell value(double value, String unit, long base, boolean suppress) {
        if (suppress && base < THRESHOLD) {
            return new Cell(null, null, unit, true, SMALL);
        }
        double rounded = Math.round(value * 10) / 10.0;
        return new Cell(null, rounded, unit, false, (rounded + " " + unit).replace('.', ','));
    }
}
