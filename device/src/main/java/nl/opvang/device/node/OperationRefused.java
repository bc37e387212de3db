package nl.opvang.device.node;

/**
 * A local operation that breaks the location's own rules (check in to an occupied bed, check out of a free one).
 * Nothing was written: no outbox row, no {@code seq}. The message names the bed or kind, never a pass number.
 */
public final class OperationRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OperationRefused(String message) {
        super(message);
    }
}
