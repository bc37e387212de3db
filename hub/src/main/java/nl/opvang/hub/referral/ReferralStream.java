package nl.opvang.hub.referral;

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
import java.util.function.BooleanSupplier;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Principal;

/**
 * {@code GET /api/v1/referrals/stream}: Server-Sent Events of the referrals the caller may see, as the holds' stream
 * does it: a {@code referrals} snapshot (with the desk's free places), then one {@code referral} event per change.
 * Frames never carry instructions (the requester fetches the one referral for those). Ends with the session.
 */
final class ReferralStream implements AutoCloseable {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int QUEUE_CAPACITY = 256;

    private final ReferralRoutes routes;
    private final Referrals referrals;
    private final Set<AtomicBoolean> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "referrals-sse");
        thread.setDaemon(true);
        return thread;
    });

    ReferralStream(ReferralRoutes routes, Referrals referrals) {
        this.routes = routes;
        this.referrals = referrals;
    }

    void get(Context ctx) {
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

    /** Subscribed before the snapshot, so no change falls between; a client that cannot keep up is cut off. */
    private void run(SseClient sse, Principal principal, AtomicBoolean alive, BooleanSupplier session) {
        BlockingQueue<Referral> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Runnable unsubscribe = referrals.subscribe(referral -> {
            if (Referrals.maySee(principal, referral) && !queue.offer(referral)) {
                alive.set(false);
            }
        });
        try {
            sse.sendEvent("referrals", routes.list(principal));
            while (alive.get() && !sse.terminated() && session.getAsBoolean()) {
                Referral referral = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (!session.getAsBoolean()) {
                    break;
                }
                if (referral == null) {
                    sse.sendComment("keep-alive");
                } else {
                    sse.sendEvent("referral", ReferralView.of(referral, principal, referrals, false));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
            sse.close();
        }
    }

    @Override
    public void close() {
        open.forEach(alive -> alive.set(false));
        writers.shutdownNow();
    }
}
