package nl.opvang.hub.http;

/** The request cannot be done in the current state (e.g. nothing free any more): answered 409 with the message. */
public final class Conflict extends HttpProblem {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(409, message);
    }
}
