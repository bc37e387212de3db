package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;

/**
 * Capacity over time on the node (docs/DESIGN.md §3, issue 13): opening and closing the nood places, a capacity limit
 * per kind ({@code set_capacity}), the end time of open nood places, and the rule that no place is ever closed under a
 * guest. Decides the {@code capacity} events that say the new state; {@link Places} applies them, {@link NodeStore}
 * records them in the caller's transaction. Keeps its own bookkeeping ({@code count_place.target}/{@code closing},
 * {@code bed_limit}, through {@link Places}, the store of those tables) in the same transaction, so a restart continues
 * where it was.
 */
final class Capacities {
    /** Reasons in the capacity events, besides the command names {@code open_nood}, {@code close_nood}, {@code set_capacity}. */
    static final String UNTIL = "until";
    static final String FREED = "closed_when_free";

    private Capacities() {
    }

    /**
     * Opens the nood places until {@code until}: {@code capacity} of them (null: all configured; never fewer than are
     * occupied). More than configured is refused, or with {@code clamp} (the hub's command) opens all configured. Open
     * places stop closing. Nood places that are beds open as a limit on their beds, lowest code first.
     */
    static Payload.Capacity openNood(Connection c, Integer capacity, Instant until, String reason, boolean clamp)
            throws SQLException {
        // Milliseconds, as the node stores it: the event and the stored state say the same end.
        Instant end = until.truncatedTo(ChronoUnit.MILLIS);
        Optional<CountPlace> counted = count(c, Kind.NOOD);
        List<Payload.BedState> beds = beds(c, Kind.NOOD);
        int configured = counted.map(CountPlace::configured).orElse(beds.size());
        if (counted.isEmpty() && beds.isEmpty()) {
            throw new OperationRefused("nood is not a count-only kind of this location");
        }
        if (capacity != null && (capacity < 0 || capacity > configured) && !clamp) {
            throw new OperationRefused("nood: " + capacity + " is more nood places than the " + configured
                    + " configured here");
        }
        int target = capacity == null ? configured : Math.min(Math.max(capacity, 0), configured);
        if (counted.isEmpty()) {
            Places.bedLimit(c, Kind.NOOD, new Places.BedLimit(target, end));
            return balanceBeds(Kind.NOOD, beds, target, reason, end);
        }
        setBookkeeping(c, Kind.NOOD, target, false);
        return new Payload.Capacity(Kind.NOOD, Math.max(target, counted.get().occupied()), true, reason, end, null);
    }

    /**
     * Closes the nood places, but never under a guest: while any is occupied they stay open, take nobody new (capacity =
     * occupied) and close when the last guest leaves. {@code until} then says when closing was asked.
     */
    static Payload.Capacity closeNood(Connection c, Instant now, String reason) throws SQLException {
        List<Payload.BedState> beds = beds(c, Kind.NOOD);
        if (count(c, Kind.NOOD).isEmpty() && !beds.isEmpty()) {
            // Nood beds: a limit of 0 closes the free ones now and an occupied one once it is free.
            Places.bedLimit(c, Kind.NOOD, new Places.BedLimit(0, null));
            return balanceBeds(Kind.NOOD, beds, 0, reason, null);
        }
        CountPlace nood = nood(c);
        if (!nood.open() || nood.occupied() == 0) {
            setBookkeeping(c, nood.kind(), nood.target(), false);
            return new Payload.Capacity(Kind.NOOD, nood.closedCapacity(), false, reason, null, null);
        }
        setBookkeeping(c, nood.kind(), nood.target(), true);
        Instant asked = nood.until() != null && nood.until().isBefore(now) ? nood.until() : now;
        return new Payload.Capacity(Kind.NOOD, nood.occupied(), true, reason, asked, null);
    }

    /**
     * Keeps at most {@code capacity} places of {@code kind} open (never more than configured). Bed kinds close free beds,
     * highest code first, and an occupied one once it is free; they reopen, lowest code first, when the limit rises.
     * Count-only kinds keep their capacity at least at the places occupied now, lowered further as guests leave.
     */
    static Payload.Capacity setCapacity(Connection c, Kind kind, int capacity, String reason) throws SQLException {
        if (capacity < 0) {
            throw new OperationRefused(kind.wire() + ": a capacity below 0");
        }
        List<Payload.BedState> beds = beds(c, kind);
        if (!beds.isEmpty()) {
            Instant until = Optional.ofNullable(Places.bedLimits(c).get(kind)).map(Places.BedLimit::until).orElse(null);
            Places.bedLimit(c, kind, new Places.BedLimit(Math.min(capacity, beds.size()), until));
            return balanceBeds(kind, beds, Math.min(capacity, beds.size()), reason, until);
        }
        CountPlace count = count(c, kind).orElseThrow(
                () -> new OperationRefused(kind.wire() + " is not a count-only kind of this location"));
        int target = Math.min(capacity, count.configured());
        setBookkeeping(c, kind, target, count.closing());
        int now = count.open() ? (count.closing() ? count.occupied() : Math.max(target, count.occupied())) : target;
        return new Payload.Capacity(kind, now, count.open(), reason, count.until(), null);
    }

    /**
     * What must change now, without a command: open nood places past their end time start closing; a closing kind whose
     * last guest left closes; a capacity held up by guests comes down to its target; a bed closed by a limit closes once
     * free. Called after every check-out and count, at start and every second.
     */
    static List<Payload.Capacity> due(Connection c, Instant now) throws SQLException {
        List<Payload.Capacity> changes = new ArrayList<>();
        for (CountPlace count : Places.countPlaces(c)) {
            dueCount(c, count, now).ifPresent(changes::add);
        }
        for (Map.Entry<Kind, Places.BedLimit> limited : Places.bedLimits(c).entrySet()) {
            Kind bedKind = limited.getKey();
            List<Payload.BedState> beds = beds(c, bedKind);
            Places.BedLimit limit = limited.getValue();
            if (limit.until() != null && !limit.until().isAfter(now)) {
                // Nood beds past their end: closed now, an occupied one once it is free.
                Places.bedLimit(c, bedKind, new Places.BedLimit(0, null));
                changes.add(balanceBeds(bedKind, beds, 0, UNTIL, null));
                continue;
            }
            long open = beds.stream().filter(Payload.BedState::open).count();
            boolean closable = open > limit.capacity()
                    && beds.stream().anyMatch(bed -> bed.open() && bed.status() != PlaceStatus.OCCUPIED);
            if (closable) {
                changes.add(balanceBeds(bedKind, beds, limit.capacity(), FREED, limit.until()));
            }
        }
        return changes;
    }

    private static Optional<Payload.Capacity> dueCount(Connection c, CountPlace count, Instant now) throws SQLException {
        if (!count.open()) {
            return Optional.empty();
        }
        if (!count.closing() && count.until() != null && !count.until().isAfter(now)) {
            return Optional.of(closeNoodKind(c, count, UNTIL));
        }
        if (count.closing() && count.occupied() == 0) {
            setBookkeeping(c, count.kind(), count.target(), false);
            return Optional.of(new Payload.Capacity(count.kind(), count.closedCapacity(), false, FREED, null, null));
        }
        int wanted = count.closing() ? count.occupied() : Math.max(count.effectiveTarget(), count.occupied());
        if (wanted < count.capacity()) {
            return Optional.of(new Payload.Capacity(count.kind(), wanted, true, FREED, count.until(), null));
        }
        return Optional.empty();
    }

    /** The end time passed: close now if nobody is there, else start closing (the end time stays in the event). */
    private static Payload.Capacity closeNoodKind(Connection c, CountPlace count, String reason) throws SQLException {
        if (count.occupied() == 0) {
            setBookkeeping(c, count.kind(), count.target(), false);
            return new Payload.Capacity(count.kind(), count.closedCapacity(), false, reason, null, null);
        }
        setBookkeeping(c, count.kind(), count.target(), true);
        return new Payload.Capacity(count.kind(), count.occupied(), true, reason, count.until(), null);
    }

    /** The beds of {@code kind} to close so that at most {@code limit} stay open: free ones first, highest code first. */
    private static Payload.Capacity balanceBeds(Kind kind, List<Payload.BedState> beds, int limit, String reason,
                                                Instant until) {
        List<String> closed = new ArrayList<>();
        int open = beds.size();
        // Highest code first: the beds are read in code order.
        for (int i = beds.size() - 1; i >= 0 && open > limit; i--) {
            if (beds.get(i).status() != PlaceStatus.OCCUPIED) {
                closed.add(0, beds.get(i).bed());
                open--;
            }
        }
        return new Payload.Capacity(kind, open, true, reason, until, List.copyOf(closed));
    }

    /** A count-only kind with the node's bookkeeping, if this location has it. */
    static Optional<CountPlace> count(Connection c, Kind kind) throws SQLException {
        return Places.countPlaceOf(c, kind);
    }

    private static CountPlace nood(Connection c) throws SQLException {
        return count(c, Kind.NOOD).orElseThrow(() -> new OperationRefused("nood is not a count-only kind of this location"));
    }

    private static List<Payload.BedState> beds(Connection c, Kind kind) throws SQLException {
        return Places.bedsOf(c, kind);
    }

    private static void setBookkeeping(Connection c, Kind kind, Integer target, boolean closing) throws SQLException {
        Places.bookkeeping(c, kind, target, closing);
    }

}
