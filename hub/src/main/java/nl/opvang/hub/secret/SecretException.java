package nl.opvang.hub.secret;

import nl.opvang.hub.http.HttpProblem;

/**
 * A break-glass or contact request that cannot be done; the message is meant for a person (Dutch). On the web an
 * unknown location is 404 and an invalid request 400 (mapped by {@link nl.opvang.hub.http.Errors}).
 */
public final class SecretException extends HttpProblem {
    private static final long serialVersionUID = 1L;

    /** What kind of problem: an unknown location, or a request the caller must change. */
    public enum Problem {
        UNKNOWN,
        INVALID
    }

    private final Problem problem;

    public SecretException(Problem problem, String message) {
        super(problem == Problem.UNKNOWN ? 404 : 400, message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
