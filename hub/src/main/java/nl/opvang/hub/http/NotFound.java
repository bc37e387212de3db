package nl.opvang.hub.http;

/** Something the client asked for does not exist (or is not the caller's to know of): answered 404 with the message. */
public final class NotFound extends HttpProblem {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(404, message);
    }
}
