package nl.opvang.hub.web;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.AvailabilityProjection.Change;
import nl.opvang.hub.availability.AvailabilityProjection.Snapshot;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Principal;

/**
 * One subscriber of the availability stream. The projection's listener only offers to this client's bounded queue
 * (it runs on the ingest thread and must never block); this client's own thread writes to the socket. A client whose
 * queue overflows is cut off: its browser reconnects and starts again from a fresh snapshot, which is cheaper and
 * more honest than holding an ever-growing backlog for a slow phone. A client whose session has ended (checked at every
 * change and keep-alive, without counting as use) is closed: its page then finds itself logged out.
 */
final class StreamClient {
    static final int QUEUE_CAPACITY = 1024;
    /**
     * Sent as the stream's {@code retry:} field: how long a browser's EventSource waits before it reconnects after the
     * stream ends (a hub restart, an overflow). Browsers pick their own default otherwise (Chrome 3 s, Firefox 5 s).
     */
    static final Duration RETRY = Duration.ofSeconds(2);

    private final SseClient sse;
    private final AvailabilityProjection projection;
    private final AvailabilityFilter filter;
    private final Clock clock;
    private final Duration keepAlive;
    private final Principal principal;
    private final Visibility visibility;
    private final BooleanSupplier sessionLive;
    private final BlockingQueue<Change> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamClient(SseClient sse, AvailabilityProjection projection, AvailabilityFilter filter, Clock clock,
                 Duration keepAlive, Principal principal, Visibility visibility, BooleanSupplier sessionLive) {
        this.sse = sse;
        this.projection = projection;
        this.filter = filter;
        this.clock = clock;
        this.keepAlive = keepAlive;
        this.principal = principal;
        this.visibility = visibility;
        this.sessionLive = sessionLive;
    }

    /** Called on the projection's thread: never blocks. */
    void offer(Change change) {
        if (!queue.offer(change)) {
            overflowed.set(true);
        }
    }

    void markClosed() {
        closed.set(true);
    }

    /**
     * Runs on this client's thread until the client goes away, overflows or the server stops. Subscribed before the
     * snapshot is taken, so no change falls between the two; changes the snapshot already holds are skipped.
     */
    void run() {
        Runnable unsubscribe = projection.subscribe(this::offer);
        try {
            retry();
            Snapshot snapshot = projection.snapshot();
            long sent = snapshot.version();
            sse.sendEvent("snapshot", AvailabilityAnswer.of(snapshot, filter, clock.instant(), principal, visibility),
                    Long.toString(sent));
            while (isOpen()) {
                Change change = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (!isOpen()) {
                    break;
                }
                if (change == null) {
                    sse.sendComment("keep-alive");
                } else if (change.version() > sent) {
                    sent = change.version();
                    send(change);
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
     * Javalin's {@code SseClient} has no way to send {@code retry:}; it goes straight to the response stream, which
     * Javalin's emitter writes to as well. No flush: the snapshot event right after it flushes both.
     */
    private void retry() {
        try {
            sse.ctx().res().getOutputStream().write(("retry: " + RETRY.toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException gone) {
            markClosed();
        }
    }

    private void send(Change change) {
        if (change.location() == null) {
            // A location left (retired): a fresh snapshot, which every client already reads as "replace all".
            Snapshot snapshot = projection.snapshot();
            sse.sendEvent("snapshot", AvailabilityAnswer.of(snapshot, filter, clock.instant(), principal, visibility),
                    Long.toString(change.version()));
            return;
        }
        filter.apply(change.location())
                .flatMap(location -> visibility.ofChange(principal, location, () -> filter.applyAll(projection.snapshot())))
                .ifPresent(seen -> sse.sendEvent("location", AvailabilityAnswer.Entry.of(seen),
                        Long.toString(change.version())));
    }

    private boolean isOpen() {
        return !closed.get() && !overflowed.get() && !sse.terminated() && sessionLive.getAsBoolean();
    }
}
