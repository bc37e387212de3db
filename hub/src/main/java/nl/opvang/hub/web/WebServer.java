package nl.opvang.hub.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.location.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP interface (DESIGN §6): health, metrics, the availability API and stream, the registry view, the
 * hand-written OpenAPI document and the CT page. All routes are declared here, in one place, and errors are mapped to
 * JSON here too: a client never sees a stack trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry metrics;
    private final HealthEndpoint health;
    private final AvailabilityEndpoint availability;
    private final AvailabilityStream stream;
    private final LocationsEndpoint locations;
    private final List<WebFeature> features;
    private final Javalin app;

    public WebServer(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                     Clock clock) {
        this(projection, registry, health, metrics, clock, List.of());
    }

    public WebServer(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                     Clock clock, List<WebFeature> features) {
        this.features = List.copyOf(features);
        this.metrics = metrics;
        this.health = new HealthEndpoint(health);
        this.availability = new AvailabilityEndpoint(projection, clock);
        this.stream = new AvailabilityStream(projection, clock, metrics);
        this.locations = new LocationsEndpoint(registry, projection);
        new AvailabilityMetrics(projection, registry, clock, metrics);
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.startup.showJavalinBanner = false;
        config.routes.get("/health", health::get);
        config.routes.get("/metrics", this::metrics);
        config.routes.get("/api/v1/availability", availability::get);
        config.routes.get("/api/v1/availability/stream", stream::get);
        config.routes.get("/api/v1/locations", locations::list);
        config.routes.get("/api/v1/locations/{code}", locations::one);
        config.routes.get("/openapi.json", Resources.serve("openapi.json", JSON));
        config.routes.get("/", Resources.serve("ct.html", "text/html; charset=utf-8"));
        config.routes.get("/ct", Resources.serve("ct.html", "text/html; charset=utf-8"));
        config.routes.get("/ct.css", Resources.serve("ct.css", "text/css; charset=utf-8"));
        config.routes.get("/ct.js", Resources.serve("ct.js", "text/javascript; charset=utf-8"));
        config.routes.get("/vt", Resources.serve("vt-page.html", "text/html; charset=utf-8"));
        config.routes.get("/vt-page.js", Resources.serve("vt-page.js", "text/javascript; charset=utf-8"));
        config.routes.get("/vo", Resources.serve("vo-page.html", "text/html; charset=utf-8"));
        config.routes.get("/vo-page.js", Resources.serve("vo-page.js", "text/javascript; charset=utf-8"));
        config.routes.get("/holds.css", Resources.serve("holds.css", "text/css; charset=utf-8"));
        config.routes.get("/holds-ct.js", Resources.serve("holds-ct.js", "text/javascript; charset=utf-8"));
        features.forEach(feature -> feature.register(config));
        config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        config.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        config.routes.exception(NotAcceptable.class, (e, ctx) -> error(ctx, HttpStatus.NOT_ACCEPTABLE, e.getMessage()));
        config.routes.exception(HttpResponseException.class,
                (e, ctx) -> error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error answering {} {}", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Er ging iets mis in de centrale; probeer het opnieuw");
        });
        config.routes.error(HttpStatus.NOT_FOUND, ctx -> {
            String sent = ctx.res().getContentType();
            if (sent == null || !sent.startsWith(JSON)) {
                error(ctx, HttpStatus.NOT_FOUND, "Deze pagina bestaat niet");
            }
        });
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(new ErrorAnswer(message));
    }

    /** Starts listening; port 0 picks a free port. Returns the port actually bound. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        stream.close();
        app.stop();
    }
}
