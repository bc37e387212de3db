package nl.opvang.hub.http;

/**
 * A request the hub does not carry out, with the HTTP status it is answered with and a message meant for a person
 * (Dutch). {@link Errors} maps every one of these, the features' own subclasses too, to {@code {"error": message}};
 * throw one of the kernel's ({@link BadRequest}, {@link Forbidden}, {@link NotFound}, {@link Conflict},
 * {@link NotAcceptable}) or extend this in a feature whose exception decides its status itself.
 */
public class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    protected HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
