package nl.opvang.hub.secret;

/** A break-glass or contact request that cannot be done; the message is meant for a person (Dutch). */
public final class SecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem: an unknown location, or a request the caller must change. */
    public enum Problem {
        UNKNOWN,
        INVALID
    }

    private final Problem problem;

    public SecretException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
