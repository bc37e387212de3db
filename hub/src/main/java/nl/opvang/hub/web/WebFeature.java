package nl.opvang.hub.web;

import io.javalin.config.JavalinConfig;

/** A feature that brings its own routes (e.g. holds); the server registers them with its own, before its error mapping. */
@FunctionalInterface
public interface WebFeature {
    void register(JavalinConfig config);
}
