package nl.opvang.hub.http;

/** The client asked for a representation this path does not serve: answered 406 with the message. */
public final class NotAcceptable extends HttpProblem {
    private static final long serialVersionUID = 1L;

    public NotAcceptable(String message) {
        super(406, message);
    }
}
