package nl.opvang.hub.http;

/**
 * A feature that brings its own routes (e.g. holds). It registers them through {@link Routes}, each with its
 * {@link Access}; the web server installs the authentication filter before and the one error mapping
 * ({@link Errors}) after them.
 */
@FunctionalInterface
public interface WebFeature extends AutoCloseable {
    void register(Routes routes);

    /**
     * Ends what the feature keeps open on the server's connections (its event streams), and waits for it. The web
     * server calls it before it stops: a stream ended after the server stopped writes to a request Jetty has already
     * recycled, and Javalin then logs its error handling failing over and over. Nothing by default.
     */
    @Override
    default void close() {
    }
}
