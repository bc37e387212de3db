package nl.opvang.hub.store;

/** The database could not do what was asked (disk full, file unreadable, a newer schema). Nothing was committed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean damaged;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreException(String message, Throwable cause, boolean damaged) {
        super(message, cause);
        this.damaged = damaged;
    }

    /** The database file is not a sound SQLite database: the hub must not start on it (FAULTS R14). */
    public static StoreException damaged(String message, Throwable cause) {
        return new StoreException(message, cause, true);
    }

    /** Whether the file itself is damaged (as opposed to unreadable, full or too new). */
    public boolean damaged() {
        return damaged;
    }
}
