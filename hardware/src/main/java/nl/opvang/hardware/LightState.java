package nl.opvang.hardware;

/** What a location's status light says. */
public enum LightState {
    /** Places are free. */
    GREEN,
    /** The location is full. */
    RED,
    /** No contact with the hub: counts shown may be stale. */
    AMBER,
    /** Nothing to say (starting, shutting down). */
    OFF
}
