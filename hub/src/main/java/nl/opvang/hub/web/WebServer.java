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
import nl.opvang.hub.account.Access;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.account.Role;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP interface (DESIGN §6): health, the availability API and stream, the registry view, the
 * hand-written OpenAPI document and the CT page. All routes are declared here, in one place, and errors are mapped to
 * JSON here too: a client never sees a stack trace. Every matched route passes the authentication filter first; each
 * route names the roles it admits ({@code Access.PUBLIC} for none needed; see the role table in DESIGN §5).
 * {@code /metrics} is not here: it has a listener of its own ({@link MetricsServer}), so this port answers 404.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String JSON = "application/json";

    private final HealthEndpoint health;
    private final AvailabilityEndpoint availability;
    private final AvailabilityStream stream;
    private final LocationsEndpoint locations;
    private final AccountWeb accounts;
    private final List<WebFeature> features;
    private final HttpLimits limits;
    private final Hardening hardening;
    private final PrometheusMeterRegistry metrics;
    private final Javalin app;

    public WebServer(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                     Clock clock, AccountWeb accounts) {
        this(projection, registry, health, metrics, clock, accounts, List.of());
    }

    /** {@code features} register further routes (e.g. holds); every route passes the same authentication filter. */
    public WebServer(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                     Clock clock, AccountWeb accounts, List<WebFeature> features) {
        this(projection, registry, health, metrics, clock, accounts, features, HttpLimits.defaults());
    }

    /** {@code limits}: request size, rate per client address, and the reverse proxies to believe. */
    public WebServer(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                     Clock clock, AccountWeb accounts, List<WebFeature> features, HttpLimits limits) {
        this.features = List.copyOf(features);
        this.limits = limits;
        this.hardening = new Hardening(limits, clock, metrics);
        this.metrics = metrics;
        this.accounts = accounts;
        this.health = new HealthEndpoint(health);
        this.availability = new AvailabilityEndpoint(projection, clock, accounts.visibility());
        this.stream = new AvailabilityStream(projection, clock, metrics, accounts.visibility());
        this.locations = new LocationsEndpoint(registry, projection, accounts.visibility());
        new AvailabilityMetrics(projection, registry, clock, metrics);
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = limits.maxRequestBytes();
        config.contextResolver.ip = hardening::clientAddress;
        config.contextResolver.scheme = hardening::scheme;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new ServerErrors());
            server.addBean(new HeaderDeadline(server, limits.headerDeadline(), metrics));
        });
        config.routes.before(hardening::before);
        config.routes.beforeMatched(accounts.authentication()::handle);
        Role[] placers = {Role.CT, Role.VEILIG_THUIS, Role.NIGHT_STAFF, Role.VO_DESK};
        Role[] registryReaders = {Role.CT, Role.NIGHT_STAFF, Role.VO_DESK, Role.ADMIN};
        config.routes.get("/health", health::get, Access.PUBLIC);
        config.routes.get("/api/v1/availability", availability::get, placers);
        config.routes.get("/api/v1/availability/stream", stream::get, placers);
        config.routes.get("/api/v1/locations", locations::list, registryReaders);
        config.routes.get("/api/v1/locations/{code}", locations::one, registryReaders);
        config.routes.get("/openapi.json", Resources.serve("openapi.json", JSON), Access.PUBLIC);
        config.routes.get("/", Resources.serve("ct.html", "text/html; charset=utf-8"), placers);
        config.routes.get("/ct", Resources.serve("ct.html", "text/html; charset=utf-8"), placers);
        config.routes.get("/ct.css", Resources.serve("ct.css", "text/css; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/page.js", Resources.serve("page.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/ct.js", Resources.serve("ct.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/admin", Resources.serve("admin.html", "text/html; charset=utf-8"), Role.ADMIN);
        config.routes.get("/admin.js", Resources.serve("admin.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/account.css", Resources.serve("account.css", "text/css; charset=utf-8"), Access.PUBLIC);
        accounts.register(config.routes);
        config.routes.get("/vt", Resources.serve("vt-page.html", "text/html; charset=utf-8"), Role.VEILIG_THUIS, Role.CT);
        config.routes.get("/vt-page.js", Resources.serve("vt-page.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/vo", Resources.serve("vo-page.html", "text/html; charset=utf-8"), Role.VO_DESK, Role.NIGHT_STAFF,
                Role.CT);
        config.routes.get("/vo-page.js", Resources.serve("vo-page.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/holds.css", Resources.serve("holds.css", "text/css; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/holds-ct.js", Resources.serve("holds-ct.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        config.routes.get("/ct-alerts.js", Resources.serve("ct-alerts.js", "text/javascript; charset=utf-8"), Access.PUBLIC);
        features.forEach(feature -> feature.register(config));
        HeadRoutes.mirrorGets(config);
        config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        config.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        config.routes.exception(NotAcceptable.class, (e, ctx) -> error(ctx, HttpStatus.NOT_ACCEPTABLE, e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            error(ctx, status, status == HttpStatus.CONTENT_TOO_LARGE ? hardening.tooLarge() : e.getMessage());
        });
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
