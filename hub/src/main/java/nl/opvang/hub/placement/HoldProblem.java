package nl.opvang.hub.placement;

/**
 * Why a hold operation was not done, with the HTTP status it maps to (in one place, {@link HoldRoutes}) and a message
 * meant for a person, in Dutch.
 */
public final class HoldProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private HoldProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Nothing free where it was asked (409, DESIGN §6). */
    static HoldProblem conflict(String message) {
        return new HoldProblem(409, message);
    }

    static HoldProblem forbidden(String message) {
        return new HoldProblem(403, message);
    }

    static HoldProblem notFound(String message) {
        return new HoldProblem(404, message);
    }

    static HoldProblem badRequest(String message) {
        return new HoldProblem(400, message);
    }

    public int status() {
        return status;
    }
}
