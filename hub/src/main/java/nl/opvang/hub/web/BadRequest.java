package nl.opvang.hub.web;

/** A request the client must change: answered 400 with the message, which is meant for a person (Dutch). */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
