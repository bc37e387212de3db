package nl.opvang.hub.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Errors;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.http.Routes;
import nl.opvang.hub.http.Template;
import nl.opvang.hub.http.WebFeature;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.location.Registry;

/**
 * The hub's HTTP interface (docs/DESIGN.md §6): health, the availability API and stream, the registry view, the
 * hand-written OpenAPI document and the CT page, and the routes of the accounts and of every {@link WebFeature}. Every
 * route is registered through {@link Routes} with its {@link Access} (see the role table in docs/DESIGN.md §5); every
 * matched route passes the authentication filter first; errors are mapped to JSON in one place, {@link Errors}: a
 * client never sees a stack trace. {@code /metrics} is not here: it has a listener of its own ({@link MetricsServer}),
 * so this port answers 404.
 */
public final class WebServer implements AutoCloseable {
    private static final String JSON = "application/json";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final String STYLE = "text/css; charset=utf-8";
    private static final String ICON = "image/svg+xml";

    /**
     * What the server is built from. {@code features} register further routes (e.g. holds); {@code limits}: request
     * size, rate per client address, and the reverse proxies to believe.
     */
    public record Parts(AvailabilityProjection projection, Registry registry, Health health, PrometheusMeterRegistry metrics,
                        Clock clock, AccountWeb accounts, List<WebFeature> features, HttpLimits limits) {
        public Parts {
            features = List.copyOf(features);
        }
    }

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
    private Routes routes;

    public WebServer(Parts parts) {
        this.features = parts.features();
        this.limits = parts.limits();
        this.hardening = new Hardening(limits, parts.clock(), parts.metrics());
        this.metrics = parts.metrics();
        this.accounts = parts.accounts();
        this.health = new HealthEndpoint(parts.health());
        this.availability = new AvailabilityEndpoint(parts.projection(), parts.clock(), accounts.visibility());
        this.stream = new AvailabilityStream(parts.projection(), parts.clock(), metrics, accounts.visibility());
        this.locations = new LocationsEndpoint(parts.registry(), parts.projection(), accounts.visibility());
        new AvailabilityMetrics(parts.projection(), parts.registry(), parts.clock(), metrics);
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
        Access placers = Access.roles(Role.CT, Role.VEILIG_THUIS, Role.NIGHT_STAFF, Role.VO_DESK);
        Access registryReaders = Access.roles(Role.CT, Role.NIGHT_STAFF, Role.VO_DESK, Role.ADMIN);
        routes = new Routes(config.routes);
        routes.get("/health", Access.PUBLIC, health::get);
        routes.get("/api/v1/availability", placers, availability::get);
        routes.get("/api/v1/availability/stream", placers, stream::get);
        routes.get("/api/v1/locations", registryReaders, locations::list);
        routes.get("/api/v1/locations/{code}", registryReaders, locations::one);
        routes.get("/openapi.json", Access.PUBLIC, Resources.serve("openapi.json", JSON));
        Handler ctPage = Pages.serve(Template.of("pages/ct.html").fill(Words.columns()));
        routes.get("/", Access.ANY_ACCOUNT, ctx -> startPage(ctx, ctPage, Role.values()));
        routes.get("/ct", placers, ctx -> startPage(ctx, ctPage, Role.VEILIG_THUIS));
        routes.get("/ct.css", Access.PUBLIC, Resources.serve("ct.css", STYLE));
        routes.get("/page.js", Access.PUBLIC, Resources.serve("page.js", SCRIPT));
        routes.get("/words.js", Access.PUBLIC, Words.script());
        routes.get("/ct.js", Access.PUBLIC, Resources.serve("ct.js", SCRIPT));
        routes.get("/admin", Access.roles(Role.ADMIN), Resources.serve("admin.html", HTML));
        routes.get("/admin.js", Access.PUBLIC, Resources.serve("admin.js", SCRIPT));
        routes.get("/account.css", Access.PUBLIC, Resources.serve("account.css", STYLE));
        routes.get("/account-bar.css", Access.PUBLIC, Resources.serve("account-bar.css", STYLE));
        routes.get("/page.css", Access.PUBLIC, Resources.serve("page.css", STYLE));
        // The tab's icon: linked as SVG by every page, and at the address browsers ask for by themselves.
        routes.get("/favicon.svg", Access.PUBLIC, Resources.serve("favicon.svg", ICON));
        routes.get("/favicon.ico", Access.PUBLIC, Resources.serve("favicon.svg", ICON));
        accounts.register(routes);
        routes.get("/vt", Access.roles(Role.VEILIG_THUIS, Role.CT), Resources.serve("vt-page.html", HTML));
        routes.get("/vt-page.js", Access.PUBLIC, Resources.serve("vt-page.js", SCRIPT));
        routes.get("/vo", Access.roles(Role.VO_DESK, Role.NIGHT_STAFF, Role.CT), Resources.serve("vo-page.html", HTML));
        routes.get("/vo-page.js", Access.PUBLIC, Resources.serve("vo-page.js", SCRIPT));
        routes.get("/vo-places.js", Access.PUBLIC, Resources.serve("vo-places.js", SCRIPT));
        routes.get("/vo-desk.css", Access.PUBLIC, Resources.serve("vo-desk.css", STYLE));
        routes.get("/holds.css", Access.PUBLIC, Resources.serve("holds.css", STYLE));
        routes.get("/holds-ct.js", Access.PUBLIC, Resources.serve("holds-ct.js", SCRIPT));
        routes.get("/ct-alerts.js", Access.PUBLIC, Resources.serve("ct-alerts.js", SCRIPT));
        routes.get("/waitlist.js", Access.PUBLIC, Resources.serve("waitlist.js", SCRIPT));
        routes.get("/waitlist.css", Access.PUBLIC, Resources.serve("waitlist.css", STYLE));
        routes.get("/cold-weather.js", Access.PUBLIC, Resources.serve("cold-weather.js", SCRIPT));
        routes.get("/cold-weather.css", Access.PUBLIC, Resources.serve("cold-weather.css", STYLE));
        routes.get("/capacity.js", Access.PUBLIC, Resources.serve("capacity.js", SCRIPT));
        routes.get("/capacity.css", Access.PUBLIC, Resources.serve("capacity.css", STYLE));
        features.forEach(feature -> feature.register(routes));
        Errors.install(config.routes, hardening::tooLarge);
    }

    /**
     * The CT overview, or a redirect to the caller's own start page for the {@code redirected} roles that have one
     * (docs/DESIGN.md §6): {@code /} (open to every account) sends every role to its start page; Veilig Thuis, which sees crisis places as
     * counts only, never gets the CT page, not even at {@code /ct}.
     */
    private static void startPage(Context ctx, Handler page, Role... redirected) throws Exception {
        Role role = Access.principal(ctx).role();
        if (!"/".equals(role.startPage()) && List.of(redirected).contains(role)) {
            ctx.redirect(role.startPage(), HttpStatus.SEE_OTHER);
            return;
        }
        page.handle(ctx);
    }

    /** Every route as Javalin holds it (not the filters), with its roles: for the test that each declares its access. */
    List<Endpoint> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod()).toList();
    }

    /** Every route as it was declared through {@link Routes}. */
    List<Routes.Route> declared() {
        return routes.declared();
    }

    /** Starts listening; port 0 picks a free port. Returns the port actually bound. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    /**
     * Ends the open streams first (the availability stream and the features' own), each while its request still
     * exists, then stops the server: stopping with browsers open is quiet.
     */
    @Override
    public void close() {
        stream.close();
        features.forEach(WebFeature::close);
        app.stop();
    }
}
