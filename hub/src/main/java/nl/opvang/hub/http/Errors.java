package nl.opvang.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become answers (docs/DESIGN.md §6): a Dutch {@code {"error": ...}} with its status,
 * never a stack trace. {@link HttpProblem}s (the kernel's and the features' own) carry their status; Javalin's {@link
 * HttpResponseException}s (401 from the authentication filter, 413 from its body limit) keep theirs; anything else is
 * logged and answered 500. An unknown path is 404 unless a handler already answered JSON.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final String JSON = "application/json";
    static final String UNEXPECTED = "Er ging iets mis in de centrale; probeer het opnieuw";
    static final String NO_PAGE = "Deze pagina bestaat niet";

    private Errors() {
    }

    /** Installs the mapping; {@code tooLarge} gives (and counts) the message of a 413. */
    public static void install(RoutesConfig routes, Supplier<String> tooLarge) {
        routes.exception(HttpProblem.class, (e, ctx) -> answer(ctx, HttpStatus.forStatus(e.status()), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            answer(ctx, status, status == HttpStatus.CONTENT_TOO_LARGE ? tooLarge.get() : e.getMessage());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error answering {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED);
        });
        routes.error(HttpStatus.NOT_FOUND, ctx -> {
            String sent = ctx.res().getContentType();
            if (sent == null || !sent.startsWith(JSON)) {
                answer(ctx, HttpStatus.NOT_FOUND, NO_PAGE);
            }
        });
    }

    private static void answer(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(new ErrorAnswer(message));
    }
}
