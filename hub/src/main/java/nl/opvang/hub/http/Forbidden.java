package nl.opvang.hub.http;

/** The caller may not do this (its role or scope does not allow it): answered 403 with the message. */
public final class Forbidden extends HttpProblem {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(403, message);
    }
}
