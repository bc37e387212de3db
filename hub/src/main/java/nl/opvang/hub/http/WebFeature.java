package nl.opvang.hub.http;

/**
 * A feature that brings its own routes (e.g. holds). It registers them through {@link Routes}, each with its
 * {@link Access}; the web server installs the authentication filter before and the one error mapping
 * ({@link Errors}) after them.
 */
@FunctionalInterface
public interface WebFeature {
    void register(Routes routes);
}
