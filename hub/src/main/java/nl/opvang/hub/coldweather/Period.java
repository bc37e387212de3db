package nl.opvang.hub.coldweather;

import java.time.Instant;
import java.util.List;

/**
 * One period of cold-weather mode for the region: switched on by {@code startedBy} for {@code reason}, open until
 * {@code until} (last extended by {@code changedBy} at {@code changedAt}), covering the locations {@code sites}; ended
 * at {@code endedAt} by {@code endedBy} (an account, or {@code system} at the end time) for {@code endReason}.
 */
record Period(long id, Instant startedAt, String startedBy, String reason, Instant until, Instant changedAt,
              String changedBy, Instant endedAt, String endedBy, String endReason, List<String> sites) {
    Period {
        sites = List.copyOf(sites);
    }

    boolean open() {
        return endedAt == null;
    }
}
