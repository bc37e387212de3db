package nl.opvang.hub.placement;

import nl.opvang.hub.http.HttpProblem;
import nl.opvang.protocol.Check;
import nl.opvang.protocol.ProtocolException;

/**
 * Why a hold operation was not done, with the HTTP status it is answered with (by the one error mapping,
 * {@link nl.opvang.hub.http.Errors}) and a message meant for a person, in Dutch.
 */
public final class HoldProblem extends HttpProblem {
    private static final long serialVersionUID = 1L;

    private HoldProblem(int status, String message) {
        super(status, message);
    }

    /** Nothing free where it was asked (409, docs/DESIGN.md §6). */
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

    /** Text written by a person (instructions, a reason): present, not too long, no control characters but newlines. */
    public static String text(String field, String text, String missing) {
        if (text == null || text.isBlank()) {
            throw badRequest(missing);
        }
        try {
            return Check.text(field, text.strip());
        } catch (ProtocolException e) {
            throw badRequest("Tekst te lang of met ongeldige tekens (hoogstens " + Check.MAX_TEXT + " tekens)");
        }
    }
}
