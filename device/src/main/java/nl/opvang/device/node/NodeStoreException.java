package nl.opvang.device.node;

/** The node's database failed: nothing was saved, and the kiosk must not say "bewaard". */
public final class NodeStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
