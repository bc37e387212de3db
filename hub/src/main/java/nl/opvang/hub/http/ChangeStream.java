package nl.opvang.hub.http;

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
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Server-Sent Events of a feature's changes as one caller may see them (the holds' and the referrals' streams,
 * docs/DESIGN.md §6): a snapshot event first, then one event per change the caller may see. Subscribed before the
 * snapshot, so no change falls between; a client that cannot keep up is cut off. The stream ends with the session that
 * opened it (idle end, logout): it is not use of the session (see {@code Sessions}).
 *
 * @param <T> what changes (a hold, a referral)
 */
public final class ChangeStream<T> implements AutoCloseable {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int QUEUE_CAPACITY = 256;

    /**
     * What the stream sends: {@code snapshot} under the event name {@code snapshotEvent}, then each change the caller
     * may see ({@code visible}) as {@code view} under {@code changeEvent}; {@code subscribe} registers a listener for
     * changes and returns what unregisters it.
     */
    public record Feed<T>(String snapshotEvent, Function<Principal, Object> snapshot, String changeEvent,
                          Function<Consumer<T>, Runnable> subscribe, BiPredicate<Principal, T> visible,
                          BiFunction<Principal, T, Object> view) {
    }

    private final Feed<T> feed;
    private final Set<AtomicBoolean> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;

    public ChangeStream(String name, Feed<T> feed) {
        this.feed = feed;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-sse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The route's handler: 400 unless asked for as {@code text/event-stream}. */
    public void get(Context ctx) {
        Principal principal = Access.principal(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new BadRequest("Vraag deze stroom op met Accept: text/event-stream (bijv. met EventSource)");
        }
        BooleanSupplier session = Access.liveness(ctx);
        new SseHandler(sse -> {
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
        }).handle(ctx);
    }

    private void run(SseClient sse, Principal principal, AtomicBoolean alive, BooleanSupplier session) {
        BlockingQueue<T> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Runnable unsubscribe = feed.subscribe().apply(change -> {
            if (feed.visible().test(principal, change) && !queue.offer(change)) {
                alive.set(false);
            }
        });
        try {
            sse.sendEvent(feed.snapshotEvent(), feed.snapshot().apply(principal));
            while (alive.get() && !sse.terminated() && session.getAsBoolean()) {
                T change = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (!session.getAsBoolean()) {
                    break;
                }
                if (change == null) {
                    sse.sendComment("keep-alive");
                } else {
                    sse.sendEvent(feed.changeEvent(), feed.view().apply(principal, change));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
            sse.close();
        }
    }

    /**
     * Ends every stream and waits (briefly) until each has closed its response, while the server still runs (the web
     * server closes its features before it stops: {@link WebFeature#close()}).
     */
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
