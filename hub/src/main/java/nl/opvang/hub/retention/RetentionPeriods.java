package nl.opvang.hub.retention;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retention periods a region may set (docs/DESIGN.md §5, docs/PRODUCTION.md §9), in days: how long a stay keeps
 * its token link ({@code --retention-days}), and how long an ended hold and a closed waiting-list entry stay after they
 * ended ({@code --retention holds=DAYS,waitlist=DAYS}). The other periods of the {@link RetentionTable} follow from
 * how the hub works (a session's lifetime, the login throttle's window) or are set outside the hub (journald, the
 * backup timer, the node's {@code journalDays}).
 */
public record RetentionPeriods(int staysDays, int holdsDays, int waitlistDays) {
    /** A stay's token link when {@code --retention-days} is not given: a year (what the regional reports look back on). */
    public static final int STAYS_DAYS = 365;
    /** An ended hold: a quarter, long enough for questions about a placement. */
    public static final int HOLDS_DAYS = 90;
    /** A closed waiting-list entry: a year, for questions and the CT's own account of its decisions. */
    public static final int WAITLIST_DAYS = 365;
    /** The most any period may be: ten years. */
    static final int MOST_DAYS = 3650;
    public static final RetentionPeriods DEFAULTS = new RetentionPeriods(STAYS_DAYS, HOLDS_DAYS, WAITLIST_DAYS);

    public RetentionPeriods {
        for (int days : new int[] {staysDays, holdsDays, waitlistDays}) {
            if (days < 1 || days > MOST_DAYS) {
                throw new IllegalArgumentException("a retention period is 1 to " + MOST_DAYS + " days, not " + days);
            }
        }
    }

    /**
     * The periods of {@code --retention} ({@code holds=90,waitlist=365}; {@code null} or blank: the defaults) with the
     * stays period of {@code --retention-days} ({@code null}: the default).
     *
     * @throws IllegalArgumentException with a message naming the wrong part and what is allowed
     */
    public static RetentionPeriods parse(String spec, Integer staysDays) {
        Map<String, Integer> days = new LinkedHashMap<>(Map.of("holds", HOLDS_DAYS, "waitlist", WAITLIST_DAYS));
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] pair = part.strip().split("=", -1);
                String kind = pair[0].strip();
                if (pair.length != 2 || !days.containsKey(kind)) {
                    throw new IllegalArgumentException("--retention takes KIND=DAYS pairs separated by commas, with KIND"
                            + " one of holds, waitlist (the stays period is --retention-days), not '" + part.strip() + "'");
                }
                days.put(kind, number(kind, pair[1].strip()));
            }
        }
        return new RetentionPeriods(staysDays == null ? STAYS_DAYS : staysDays, days.get("holds"), days.get("waitlist"));
    }

    private static int number(String kind, String value) {
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MOST_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // Named below.
        }
        throw new IllegalArgumentException("--retention " + kind + "= must be a number of days from 1 to " + MOST_DAYS
                + ", not '" + value + "'");
    }
}
