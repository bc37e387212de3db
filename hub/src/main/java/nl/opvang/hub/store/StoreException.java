package nl.opvang.hub.store;

/** The database could not do what was asked (disk full, file unreadable, a newer schema). Nothing was committed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
