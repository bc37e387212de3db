package nl.opvang.hub.web;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.NotAcceptable;
import nl.opvang.hub.http.Principal;

/**
 * {@code GET /api/v1/availability/stream}: Server-Sent Events. A full {@code snapshot} first, then one
 * {@code location} event per changed location, each with the projection's version as {@code id}. A reconnecting
 * client ({@code Last-Event-ID}) also starts with a fresh snapshot: simpler and always correct, and a snapshot of a
 * region is a few kilobytes. A stream ends with the session that opened it (idle end, logout, lifetime): it is not use
 * of the session itself (see {@code Sessions}), so a screen left open does not stay logged in through its stream.
 */
final class AvailabilityStream implements AutoCloseable {
    /** Comments at this interval keep proxies and Jetty's idle timeout from closing a quiet stream. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AvailabilityProjection projection;
    private final Clock clock;
    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final Visibility visibility;

    AvailabilityStream(AvailabilityProjection projection, Clock clock, MeterRegistry metrics, Visibility visibility) {
        this.projection = projection;
        this.clock = clock;
        this.visibility = visibility;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sse-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("opvang.sse.clients", clients, Set::size).description("Open availability streams")
                .register(metrics);
    }

    /**
     * Validates the filters before the stream starts (once the event stream's headers are out, a 400 can no longer be
     * sent), and answers 406 to a client that does not ask for {@code text/event-stream}: Javalin would otherwise answer
     * an empty 200, which looks like a stream that never speaks.
     */
    void get(Context ctx) {
        AvailabilityFilter filter = AvailabilityFilter.from(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new NotAcceptable("Vraag deze stroom op met Accept: text/event-stream (bijv. met EventSource)");
        }
        Principal principal = Access.principal(ctx);
        BooleanSupplier live = Access.liveness(ctx);
        new SseHandler(sse -> connect(sse, filter, principal, live)).handle(ctx);
    }

    private void connect(SseClient sse, AvailabilityFilter filter, Principal principal, BooleanSupplier live) {
        StreamClient client = new StreamClient(sse, projection, filter, clock, KEEP_ALIVE, principal, visibility, live);
        sse.onClose(client::markClosed);
        // Keep the response open after this handler returns; this client's own thread writes from now on.
        sse.keepAlive();
        clients.add(client);
        writers.execute(() -> {
            try {
                client.run();
            } finally {
                clients.remove(client);
            }
        });
    }

    @Override
    public void close() {
        clients.forEach(StreamClient::markClosed);
        writers.shutdownNow();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
