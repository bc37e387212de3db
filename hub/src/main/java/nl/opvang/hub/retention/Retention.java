package nl.opvang.hub.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;

/**
 * Retention (docs/DESIGN.md §5): {@link #run} enforces the {@link RetentionTable}, first of all for the pseudonymous
 * token links. A check-in and a check-out are one stay through their
 * token; once older than the retention period (by the hub's clock at arrival), the link is removed and the events are
 * counted per night, location and kind in {@code stay_count} instead: anonymous counts. A deletion request for one
 * token removes its links at once, whatever their age. Either way the event rows stay (the event log and the audit
 * chain are not touched, docs/DESIGN.md §5), the token row goes, and the run is audited, without the token itself:
 * audit entries hold no personal data. The occupancy report reads {@code occupancy_night}, which has no tokens, so it
 * answers the same after.
 *
 * <p>Every event counted in {@code stay_count} is an event whose link was removed, for whatever reason; events still
 * linked are not in it. So stays per night are {@code stay_count} plus the linked events, and a rerun counts nothing
 * twice.
 */
public final class Retention {
    static final String RUN = "retention.run";
    static final String FORGET = "token.forget";
    private static final ObjectMapper JSON = Json.mapper();
    /** Events unlinked per transaction. */
    private static final int BATCH = 5_000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final RetentionPeriods periods;
    private final int batch;

    /** With the default periods ({@link RetentionPeriods#DEFAULTS}). */
    public Retention(Database database, AuditLog audit, Clock clock) {
        this(database, audit, clock, RetentionPeriods.DEFAULTS);
    }

    public Retention(Database database, AuditLog audit, Clock clock, RetentionPeriods periods) {
        this(database, audit, clock, periods, BATCH);
    }

    /** With {@code batch} events unlinked per transaction (tests use small batches). */
    Retention(Database database, AuditLog audit, Clock clock, RetentionPeriods periods, int batch) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.periods = periods;
        this.batch = batch;
    }

    /** The retention table with this hub's periods. */
    public RetentionTable table() {
        return RetentionTable.of(periods);
    }

    /**
     * The hub's retention run, every six hours: the token links of stays older than their period
     * ({@link #reduceOlderThan}), then the other lines of the {@link RetentionTable} that name {@code Retention}. Each
     * part that removed something is audited as {@code actor} with its counts, never with what it removed.
     */
    public Result run(String actor) {
        Result stays = reduceOlderThan(Duration.ofDays(periods.staysDays()), actor);
        database.transaction(connection -> {
            SweepStore.Swept swept = SweepStore.sweep(connection, clock.instant(), periods);
            if (swept.any()) {
                audit.append(connection, actor, RUN, null, swept.detail());
            }
            return swept;
        });
        return stays;
    }

    /** The event linked to {@code tokenId}, by their keys (node, session, seq), for the privacy log. */
    public static List<EventKey> linkedKeys(Connection connection, long tokenId) throws SQLException {
        return RetentionStore.linkedTo(connection, tokenId).stream()
                .map(event -> new EventKey(event.node(), event.session(), event.seq())).toList();
    }

    /** What one run did: events whose link was removed, and token rows deleted. */
    public record Result(int unlinked, int tokensDeleted) {
    }

    /** Anonymous counts of one night, location and kind. */
    public record StayCount(LocalDate night, String location, String kind, int checkIns, int checkOuts) {
    }

    /** Removes the token links of events that arrived more than {@code period} ago; audited as {@code actor}. */
    public Result reduceOlderThan(Duration period, String actor) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the retention period must be positive, not " + period);
        }
        Instant cutoff = clock.instant().minus(period);
        // In batches, each its own short transaction, so that a first run over years of events never holds the
        // writer (and so the ingest) for long.
        int total = 0;
        int done;
        do {
            done = database.transaction(connection -> unlink(connection,
                    RetentionStore.linkedBefore(connection, cutoff.toEpochMilli(), batch)));
            total += done;
        } while (done == batch);
        int unlinked = total;
        return database.transaction(connection -> {
            int deleted = RetentionStore.deleteUnlinkedTokens(connection);
            if (unlinked > 0 || deleted > 0) {
                // A run that changed nothing (most of the hub's own runs) leaves no entry.
                audit.append(connection, actor, RUN, null, "before " + cutoff + ": unlinked " + unlinked + " events, deleted "
                        + deleted + " tokens");
            }
            return new Result(unlinked, deleted);
        });
    }

    /** A deletion request: removes every link of {@code token} and the token itself; audited without the token. */
    public Result forget(String token, String actor) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("give the token whose link is to be removed");
        }
        return database.transaction(connection -> {
            Long id = RetentionStore.tokenId(connection, token.strip()).orElse(null);
            int unlinked = id == null ? 0 : unlink(connection, RetentionStore.linkedTo(connection, id));
            int deleted = id == null ? 0 : RetentionStore.deleteToken(connection, id);
            audit.append(connection, actor, FORGET, null, id == null ? "no such token: nothing linked"
                    : "unlinked " + unlinked + " events, deleted the token");
            return new Result(unlinked, deleted);
        });
    }

    /**
     * Removes the links of the events with these keys (those still linked) and the tokens left without a link, inside
     * the caller's transaction: how an erasure recorded in the privacy log is applied again to a restored database
     * (docs/DESIGN.md §5). Stays are counted as by {@link #forget}; audited by the caller, without the events.
     */
    public static Result forgetEvents(Connection connection, java.util.Collection<EventKey> events) throws SQLException {
        List<RetentionStore.LinkedEvent> linked = new ArrayList<>();
        for (EventKey key : events) {
            linked.addAll(RetentionStore.linkedEvent(connection, key));
        }
        int unlinked = unlink(connection, linked);
        return new Result(unlinked, linked.isEmpty() ? 0 : RetentionStore.deleteUnlinkedTokens(connection));
    }

    /** The anonymous counts, by night, location and kind. */
    public List<StayCount> counts() {
        return database.read(RetentionStore::counts);
    }

    /** Counts the check-ins and check-outs among {@code events} per night, location and kind, then unlinks them all. */
    private static int unlink(Connection connection, List<RetentionStore.LinkedEvent> events) throws SQLException {
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        for (RetentionStore.LinkedEvent event : events) {
            boolean stay = event.type().equals("check_in") || event.type().equals("check_out");
            if (stay && event.rejected() == null) {
                LocalDate night = Nights.nightOf(Instant.ofEpochMilli(event.nodeMs()));
                String kind = kind(connection, event.node(), event.body());
                int[] count = counts.computeIfAbsent(List.of(night.toString(), event.site(), kind), key -> new int[2]);
                count[event.type().equals("check_in") ? 0 : 1]++;
            }
        }
        List<StayCount> stays = new ArrayList<>();
        counts.forEach((key, count) -> stays.add(new StayCount(LocalDate.parse(key.get(0)), key.get(1), key.get(2),
                count[0], count[1])));
        RetentionStore.addCounts(connection, stays);
        RetentionStore.unlink(connection, events);
        return events.size();
    }

    /** The kind the event names, else the kind of its bed, else {@code unknown}. */
    private static String kind(Connection connection, String node, String body) throws SQLException {
        JsonNode fields;
        try {
            fields = JSON.readTree(body);
        } catch (IOException e) {
            return "unknown";
        }
        if (fields.hasNonNull("kind")) {
            return fields.get("kind").asText();
        }
        if (fields.hasNonNull("bed")) {
            return RetentionStore.placeKind(connection, node, fields.get("bed").asText()).orElse("unknown");
        }
        return "unknown";
    }
}
