package nl.opvang.hub.web;

/** Something the client asked for does not exist: answered 404 with the message. */
final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
        super(message);
    }
}
