package nl.opvang.hub.placement;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.Principal;

/**
 * {@code GET /api/v1/holds/stream}: Server-Sent Events of the holds the caller may see (its own; CT all; a location or
 * VO desk the requests for it). A {@code holds} snapshot first, then one {@code hold} event per change. Frames never
 * carry instructions: the requester fetches {@code /api/v1/holds/{id}} for those. The stream ends with the session that
 * opened it (idle end, logout): it is not use of the session (see {@code Sessions}).
 */
final class HoldStream implements AutoCloseable {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int QUEUE_CAPACITY = 256;

    private final HoldRoutes routes;
    private final HoldService holds;
    private final Set<AtomicBoolean> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;

    HoldStream(HoldRoutes routes, HoldService holds) {
        this.routes = routes;
        this.holds = holds;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "holds-sse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void get(Context ctx) {
        Principal principal = Access.principal(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw HoldProblem.badRequest("Vraag deze stroom op met Accept: text/event-stream (bijv. met EventSource)");
        }
        BooleanSupplier session = Access.liveness(ctx);
        new SseHandler(sse -> connect(sse, principal, session)).handle(ctx);
    }

    private void connect(SseClient sse, Principal principal, BooleanSupplier session) {
        AtomicBoolean alive = new AtomicBoolean(true);
        sse.onClose(() -> alive.set(false));
        sse.keepAlive();
        open.add(alive);
        writers.execute(() -> {
            try {
                run(sse, principal, alive, session);
            } finally {
                open.remove(alive);
            }
        });
    }

    /** Subscribed before the snapshot, so no change falls between; a client that cannot keep up is cut off. */
    private void run(SseClient sse, Principal principal, AtomicBoolean alive, BooleanSupplier session) {
        BlockingQueue<Hold> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Runnable unsubscribe = holds.subscribe(hold -> {
            if (holds.visibleTo(principal, hold) && !queue.offer(hold)) {
                alive.set(false);
            }
        });
        try {
            sse.sendEvent("holds", routes.list(principal));
            while (alive.get() && !sse.terminated() && session.getAsBoolean()) {
                Hold hold = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (!session.getAsBoolean()) {
                    break;
                }
                if (hold == null) {
                    sse.sendComment("keep-alive");
                } else {
                    sse.sendEvent("hold", HoldView.of(hold, holds.location(hold), principal, null));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
            sse.close();
        }
    }

    /** Ends every stream and waits (briefly) until each has closed its response, while the server still runs. */
    @Override
    public void close() {
        open.forEach(alive -> alive.set(false));
        writers.shutdownNow();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
