package nl.opvang.hub.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.util.List;
import java.util.Set;

/**
 * HEAD for every GET route, with that route's roles. Javalin answers a HEAD without a route of its own from the GET
 * route's handler, but the roles it then reports to the authentication filter are those of the (missing) HEAD route:
 * none, which the filter reads as "any logged-in account". So {@code HEAD /admin} answered 200 to a CT account where
 * {@code GET /admin} answers 403. Declaring the HEAD routes explicitly gives them the GET route's roles and handler.
 */
final class HeadRoutes {
    private HeadRoutes() {
    }

    /** Call after every GET route, the features' too, is declared. */
    static void mirrorGets(JavalinConfig config) {
        List<ParsedEndpoint> declared = List.copyOf(config.unsafe.internalRouter.allHttpHandlers());
        for (ParsedEndpoint parsed : declared) {
            Endpoint get = parsed.endpoint;
            if (get.method != HandlerType.GET || declared.stream()
                    .anyMatch(other -> other.endpoint.method == HandlerType.HEAD && other.endpoint.path.equals(get.path))) {
                continue;
            }
            Roles roles = get.metadata(Roles.class);
            Set<EndpointMetadata> metadata = roles == null ? Set.of() : Set.of(roles);
            config.routes.addEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler, metadata));
        }
    }
}
