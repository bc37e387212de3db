package nl.opvang.hub.account;

import io.javalin.security.RouteRole;

/**
 * Route markers besides the {@link Role}s. A route declared with {@link #PUBLIC} needs no login (health, metrics, the
 * login page, static assets, the OpenAPI document); a route declared with roles admits only those; a route declared
 * with neither admits any logged-in account.
 */
public enum Access implements RouteRole {
    PUBLIC
}
