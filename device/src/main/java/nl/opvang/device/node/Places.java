package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The location's beds and counts in the node database (the store of the {@code bed} and {@code count_place} tables),
 * and the local rules an event must pass before it is recorded. Runs inside the caller's transaction; a refusal throws
 * before anything is written.
 */
final class Places {
    private static final RowMapper<Payload.BedState> BED = row -> new Payload.BedState(row.getString("bed"),
            Kind.fromWire("kind", row.getString("kind")), PlaceStatus.fromWire("status", row.getString("status")),
            row.getBoolean("open"));
    private static final RowMapper<Payload.CountState> COUNT = row -> new Payload.CountState(
            Kind.fromWire("kind", row.getString("kind")), row.getInt("capacity"), row.getBoolean("open"),
            row.getInt("occupied"), instant(row.getLong("until_ms"), row.wasNull()));
    private static final RowMapper<CountPlace> COUNT_PLACE = row -> new CountPlace(Kind.fromWire("kind", row.getString("kind")),
            row.getInt("configured"), nullable(row.getInt("target"), row.wasNull()), row.getInt("capacity"),
            row.getBoolean("open"), row.getInt("occupied"), instant(row.getLong("until_ms"), row.wasNull()),
            row.getBoolean("closing"));
    private static final String COUNT_COLUMNS = "kind, capacity, open, occupied, until_ms";

    private Places() {
    }

    /** Adds places from the config that the database does not know yet; true when any was added. */
    static boolean seed(Connection c, NodeConfig config) throws SQLException {
        int added = 0;
        for (NodeConfig.BedConfig bed : config.beds()) {
            added += Sql.update(c, "INSERT OR IGNORE INTO bed (bed, kind, status, token) VALUES (?, ?, 'free', NULL)",
                    bed.bed(), bed.kind().wire());
        }
        for (NodeConfig.CountConfig count : config.counts()) {
            added += Sql.update(c, """
                    INSERT OR IGNORE INTO count_place (kind, capacity, open, occupied, configured) VALUES (?, ?, ?, 0, ?)""",
                    count.kind().wire(), count.capacity(), count.open() ? 1 : 0, count.capacity());
            // The most this kind may open follows the config file; what is open now changes only by events.
            Sql.update(c, "UPDATE count_place SET configured = ? WHERE kind = ?", count.capacity(), count.kind().wire());
        }
        return added > 0;
    }

    static PlaceState read(Connection c) throws SQLException {
        List<Payload.BedState> beds = Sql.list(c, "SELECT bed, kind, status, open FROM bed ORDER BY bed", BED);
        List<Payload.CountState> counts = Sql.list(c, "SELECT " + COUNT_COLUMNS + " FROM count_place ORDER BY kind", COUNT);
        return new PlaceState(beds, counts);
    }

    /** Checks {@code payload} against the local state and applies it; throws {@link OperationRefused} first if it breaks a rule. */
    static void apply(Connection c, Payload payload) throws SQLException {
        if (payload instanceof Payload.CheckIn in) {
            checkIn(c, in);
        } else if (payload instanceof Payload.CheckOut out) {
            checkOut(c, out);
        } else if (payload instanceof Payload.Count count) {
            Payload.CountState place = countPlace(c, count.kind());
            if (count.occupied() > place.capacity()) {
                throw new OperationRefused(count.kind().wire() + " has " + place.capacity() + " places, not " + count.occupied());
            }
            updateCount(c, count.kind(), place.capacity(), place.open(), count.occupied());
        } else if (payload instanceof Payload.BedStatus status) {
            bedStatus(c, status);
        } else if (payload instanceof Payload.Capacity capacity) {
            capacity(c, capacity);
        }
        // Births, turn-aways, hold answers and heartbeats change no place here.
    }

    /**
     * A capacity event is the whole new state of its kind: for a count-only kind its capacity, openness and end time;
     * for a bed kind which of its beds are closed ({@link Capacities} decides, this applies).
     */
    private static void capacity(Connection c, Payload.Capacity capacity) throws SQLException {
        String kind = capacity.kind().wire();
        if (Sql.number(c, "SELECT count(*) FROM bed WHERE kind = ?", 0, kind) > 0) {
            Sql.update(c, "UPDATE bed SET open = 1 WHERE kind = ?", kind);
            for (String bed : capacity.closed() == null ? List.<String>of() : capacity.closed()) {
                Sql.update(c, "UPDATE bed SET open = 0 WHERE kind = ? AND bed = ?", kind, bed);
            }
            return;
        }
        countPlace(c, capacity.kind());
        Sql.update(c, "UPDATE count_place SET capacity = ?, open = ?, until_ms = ? WHERE kind = ?", capacity.capacity(),
                capacity.open() ? 1 : 0, capacity.until() == null ? null : capacity.until().toEpochMilli(), kind);
    }

    private static void checkIn(Connection c, Payload.CheckIn in) throws SQLException {
        if (in.bed() == null) {
            Payload.CountState place = countPlace(c, in.kind());
            if (!place.open()) {
                throw new OperationRefused(in.kind().wire() + " places are closed");
            }
            if (place.occupied() >= place.capacity()) {
                throw new OperationRefused("no free " + in.kind().wire() + " place");
            }
            updateCount(c, in.kind(), place.capacity(), place.open(), place.occupied() + 1);
            return;
        }
        PlaceStatus status = bedStatus(c, in.bed());
        if ("0".equals(bedColumn(c, "open", in.bed()))) {
            throw new OperationRefused("bed " + in.bed() + " is closed by a capacity limit");
        }
        if (status != PlaceStatus.FREE) {
            throw new OperationRefused("bed " + in.bed() + " is " + describe(status) + ", not free");
        }
        setBed(c, in.bed(), PlaceStatus.OCCUPIED, in.token());
    }

    private static void checkOut(Connection c, Payload.CheckOut out) throws SQLException {
        if (out.bed() == null) {
            Payload.CountState place = countPlace(c, out.kind());
            if (place.occupied() == 0) {
                throw new OperationRefused("no " + out.kind().wire() + " place is occupied");
            }
            updateCount(c, out.kind(), place.capacity(), place.open(), place.occupied() - 1);
            return;
        }
        PlaceStatus status = bedStatus(c, out.bed());
        if (status != PlaceStatus.OCCUPIED) {
            throw new OperationRefused("bed " + out.bed() + " is " + describe(status) + ", nobody to check out");
        }
        if (!out.token().equals(occupant(c, out.bed()))) {
            throw new OperationRefused("bed " + out.bed() + " is occupied by someone with another pass");
        }
        setBed(c, out.bed(), PlaceStatus.FREE, null);
    }

    private static void bedStatus(Connection c, Payload.BedStatus change) throws SQLException {
        PlaceStatus current = bedStatus(c, change.bed());
        // Who sleeps in a bed changes only by check-in and check-out, so that every stay has a start and an end.
        if (current == PlaceStatus.OCCUPIED) {
            throw new OperationRefused("bed " + change.bed() + " is occupied: check the client out first");
        }
        if (change.status() == PlaceStatus.OCCUPIED) {
            throw new OperationRefused("bed " + change.bed() + " becomes occupied by a check-in, not by a status change");
        }
        setBed(c, change.bed(), change.status(), null);
    }

    static Kind bedKind(Connection c, String bed) throws SQLException {
        return Kind.fromWire("kind", bedColumn(c, "kind", bed));
    }

    private static PlaceStatus bedStatus(Connection c, String bed) throws SQLException {
        return PlaceStatus.fromWire("status", bedColumn(c, "status", bed));
    }

    /** One column of a bed's row; {@link OperationRefused} for a bed this location does not have. */
    private static String bedColumn(Connection c, String column, String bed) throws SQLException {
        return Sql.first(c, "SELECT " + column + " FROM bed WHERE bed = ?", row -> row.getString(1), bed)
                .orElseThrow(() -> new OperationRefused("bed " + bed + " is not a bed of this location"));
    }

    /** The token of whoever sleeps in {@code bed}, or null when nobody does. */
    static String occupant(Connection c, String bed) throws SQLException {
        return Sql.first(c, "SELECT token FROM bed WHERE bed = ?", row -> row.getString(1), bed).orElse(null);
    }

    private static void setBed(Connection c, String bed, PlaceStatus status, String token) throws SQLException {
        Sql.update(c, "UPDATE bed SET status = ?, token = ? WHERE bed = ?", status.wire(), token, bed);
    }

    static Payload.CountState countPlace(Connection c, Kind kind) throws SQLException {
        return Sql.first(c, "SELECT " + COUNT_COLUMNS + " FROM count_place WHERE kind = ?", COUNT, kind.wire())
                .orElseThrow(() -> new OperationRefused(kind.wire() + " is not a count-only kind of this location"));
    }

    private static void updateCount(Connection c, Kind kind, int capacity, boolean open, int occupied) throws SQLException {
        Sql.update(c, "UPDATE count_place SET capacity = ?, open = ?, occupied = ? WHERE kind = ?", capacity, open ? 1 : 0,
                occupied, kind.wire());
    }

    // ---- capacity over time (issue 13): the node's bookkeeping for Capacities, in the same tables ----

    /** Every count-only kind with the node's bookkeeping. */
    static List<CountPlace> countPlaces(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM count_place ORDER BY kind", COUNT_PLACE);
    }

    static Optional<CountPlace> countPlaceOf(Connection c, Kind kind) throws SQLException {
        return Sql.first(c, "SELECT * FROM count_place WHERE kind = ?", COUNT_PLACE, kind.wire());
    }

    /** The target set by set_capacity or open_nood (null: all configured) and whether the kind is closing. */
    static void bookkeeping(Connection c, Kind kind, Integer target, boolean closing) throws SQLException {
        Sql.update(c, "UPDATE count_place SET target = ?, closing = ? WHERE kind = ?", target, closing ? 1 : 0, kind.wire());
    }

    /** The beds of a kind in code order, with status and openness. */
    static List<Payload.BedState> bedsOf(Connection c, Kind kind) throws SQLException {
        return Sql.list(c, "SELECT bed, kind, status, open FROM bed WHERE kind = ? ORDER BY bed", BED, kind.wire());
    }

    /** The most beds of {@code kind} that may be open (set_capacity, nood beds opened) and until when (null: no end). */
    static void bedLimit(Connection c, Kind kind, BedLimit limit) throws SQLException {
        Sql.update(c, "INSERT OR REPLACE INTO bed_limit (kind, capacity, until_ms) VALUES (?, ?, ?)", kind.wire(),
                limit.capacity(), limit.until() == null ? null : limit.until().toEpochMilli());
    }

    /** Every bed kind under a limit, and the limit. */
    static Map<Kind, BedLimit> bedLimits(Connection c) throws SQLException {
        Map<Kind, BedLimit> limits = new EnumMap<>(Kind.class);
        for (Map.Entry<Kind, BedLimit> limit : Sql.list(c, "SELECT kind, capacity, until_ms FROM bed_limit ORDER BY kind",
                row -> Map.entry(Kind.fromWire("kind", row.getString("kind")),
                        new BedLimit(row.getInt("capacity"), instant(row.getLong("until_ms"), row.wasNull()))))) {
            limits.put(limit.getKey(), limit.getValue());
        }
        return limits;
    }

    /** At most {@code capacity} beds of a kind open, until {@code until} (nood beds; null: no end). */
    record BedLimit(int capacity, Instant until) {
    }

    /** An epoch-ms column that may be NULL, as an {@link Instant}. */
    private static Instant instant(long epochMs, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(epochMs);
    }

    private static Integer nullable(int value, boolean wasNull) {
        return wasNull ? null : value;
    }

    private static String describe(PlaceStatus status) {
        return status.wire().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
