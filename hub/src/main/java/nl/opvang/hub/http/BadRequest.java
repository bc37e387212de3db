package nl.opvang.hub.http;

/** A request the client must change: answered 400 with the message, which is meant for a person (Dutch). */
public class BadRequest extends HttpProblem {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(400, message);
    }
}
