package nl.opvang.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import io.javalin.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The hub's one route registry (docs/DESIGN.md §6): every route is registered here with its {@link Access}, which the
 * authentication filter checks before the handler runs; there is no way to register one without. Each GET route also
 * gets its HEAD route with the same access: Javalin would otherwise answer HEAD from the GET handler with the roles of
 * the (missing) HEAD route, i.e. none. The registry keeps what was declared, for the test that walks every route.
 */
public final class Routes {
    /** One registered route: method, path and who may call it. */
    public record Route(HandlerType method, String path, Access access) {
    }

    private final RoutesConfig config;
    private final List<Route> declared = new ArrayList<>();

    public Routes(RoutesConfig config) {
        this.config = config;
    }

    public Routes get(String path, Access access, Handler handler) {
        add(HandlerType.GET, path, access, handler);
        return add(HandlerType.HEAD, path, access, handler);
    }

    public Routes post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler);
    }

    public Routes put(String path, Access access, Handler handler) {
        return add(HandlerType.PUT, path, access, handler);
    }

    public Routes delete(String path, Access access, Handler handler) {
        return add(HandlerType.DELETE, path, access, handler);
    }

    private Routes add(HandlerType method, String path, Access access, Handler handler) {
        Objects.requireNonNull(access, () -> "declare who may call " + method + " " + path);
        Objects.requireNonNull(handler, path);
        Set<EndpointMetadata> metadata = Set.of(new Roles(Set.of(access)));
        config.addEndpoint(new Endpoint(method, path, handler, metadata));
        declared.add(new Route(method, path, access));
        return this;
    }

    /** Every route registered so far, in order. */
    public List<Route> declared() {
        return List.copyOf(declared);
    }
}
