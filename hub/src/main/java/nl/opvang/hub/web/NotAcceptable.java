package nl.opvang.hub.web;

/** The client asked for a representation this path does not serve: answered 406 with the message. */
final class NotAcceptable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAcceptable(String message) {
        super(message);
    }
}
