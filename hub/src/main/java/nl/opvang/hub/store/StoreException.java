package nl.opvang.hub.store;

/** The database could not do what was asked (disk full, file unreadable, a newer schema). Nothing was committed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong: the data folder or the disk, the file itself, or its schema. */
    private enum Kind { ACCESS, DAMAGED, SCHEMA }

    private final Kind kind;

    public StoreException(String message, Throwable cause) {
        this(message, cause, Kind.ACCESS);
    }

    private StoreException(String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    /** The database file is not a sound SQLite database: the hub must not start on it (FAULTS R14). */
    public static StoreException damaged(String message, Throwable cause) {
        return new StoreException(message, cause, Kind.DAMAGED);
    }

    /**
     * The schema cannot be brought up to date (a migration failed, a file changed after it was applied, a database of
     * a newer hub): the message names the migration and the problem; nothing was changed.
     */
    public static StoreException schema(String message, Throwable cause) {
        return new StoreException(message, cause, Kind.SCHEMA);
    }

    /** Whether the file itself is damaged (as opposed to unreadable, full or too new). */
    public boolean damaged() {
        return kind == Kind.DAMAGED;
    }

    /**
     * Whether the problem lies in the database file or its schema, not in reaching the data folder: then advice about
     * the folder's permissions would send an operator the wrong way.
     */
    public boolean inTheDatabase() {
        return kind != Kind.ACCESS;
    }
}
