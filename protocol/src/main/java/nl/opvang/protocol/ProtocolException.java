package nl.opvang.protocol;

/** A message that does not follow the wire contract. Carries a {@link Reason} for metrics and a message naming the field. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ProtocolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ProtocolException badField(String field, String problem) {
        return new ProtocolException(Reason.BAD_FIELD, "field '" + field + "' " + problem);
    }

    static ProtocolException missing(String field) {
        return new ProtocolException(Reason.MISSING_FIELD, "missing field '" + field + "'");
    }
}
