package nl.opvang.hub.availability;

import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;

/**
 * The last known state of one place, as persisted in the {@code place} table in the same transaction as the event
 * that changed it. For a bed, {@code capacity} is 1 and {@code occupied} follows {@code status}; for a count-only
 * kind, {@code status} is unused. {@code open} is false for a bed closed by a capacity limit and for closed nood
 * places; {@code openSinceMs} and {@code openUntilMs} (null when unknown or none) say since when an open count-only
 * place is open and when its node closes it by itself (docs/DESIGN.md §4).
 */
public record PlaceState(String node, String key, Kind kind, boolean counted, int capacity, boolean open, int occupied,
                         PlaceStatus status, long confirmedMs, Long openSinceMs, Long openUntilMs) {

    public PlaceState withBedStatus(PlaceStatus newStatus, long atMs) {
        return new PlaceState(node, key, kind, counted, capacity, open, newStatus == PlaceStatus.OCCUPIED ? 1 : 0,
                newStatus, atMs, openSinceMs, openUntilMs);
    }

    /** A bed opened or closed by a capacity limit. */
    public PlaceState withBedOpen(boolean newOpen, long atMs) {
        return new PlaceState(node, key, kind, counted, capacity, newOpen, occupied, status, atMs, openSinceMs, openUntilMs);
    }

    public PlaceState withCount(int newCapacity, boolean newOpen, int newOccupied, long atMs) {
        return new PlaceState(node, key, kind, counted, newCapacity, newOpen, Math.max(0, newOccupied), status, atMs,
                newOpen ? openSinceMs : null, newOpen ? openUntilMs : null);
    }

    /**
     * A count-only kind's capacity as its node reports it: opened now (since {@code atMs}) unless it was open already,
     * open until {@code untilMs} (null: no end time), or closed.
     */
    public PlaceState withOpening(int newCapacity, boolean newOpen, int newOccupied, Long untilMs, long atMs) {
        Long since = !newOpen ? null : open && openSinceMs != null ? openSinceMs : Long.valueOf(atMs);
        return new PlaceState(node, key, kind, counted, newCapacity, newOpen, Math.max(0, newOccupied), status, atMs,
                since, newOpen ? untilMs : null);
    }

    /** Open places (capacity counts open places only, docs/DESIGN.md §4). */
    int openCapacity() {
        return open ? capacity : 0;
    }

    int outOfService() {
        return !counted && status == PlaceStatus.OUT_OF_SERVICE ? 1 : 0;
    }

    int occupiedCount() {
        if (!open) {
            return 0;
        }
        return counted ? occupied : (status == PlaceStatus.OCCUPIED ? 1 : 0);
    }

    int heldCount() {
        return !counted && status == PlaceStatus.HELD ? 1 : 0;
    }

    /** A bed the hub's hold can keep: open, and the node reports it neither occupied nor out of service. */
    boolean holdable() {
        return open && (status == PlaceStatus.FREE || status == PlaceStatus.CLEANING);
    }

    int cleaningCount() {
        return !counted && status == PlaceStatus.CLEANING ? 1 : 0;
    }
}
