package nl.opvang.hub.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes a connection whose request header is not complete within the deadline from when it was first seen under way
 * ("slowloris"). Jetty's idle timeout restarts with every byte, so a client sending a header byte a second kept its
 * connection, and a thread's worth of buffers, for as long as it liked; 50 of them held 50 connections for 20 s.
 *
 * <p>Every open HTTP/1.1 connection is looked at ten times per deadline (at most a second apart): one whose parser is in
 * the middle of a header (past the first byte, before the blank line) for the same request for the whole deadline is
 * closed and counted in {@code opvang_http_refused_total{reason="slow_header"}}. A connection waiting for its next
 * request, reading a body, or writing an answer (an SSE stream) is never in that state, so slow bodies and long streams
 * are untouched; their pace is the idle timeout's business. The parser state is Jetty's {@code HttpConnection}
 * (an internal class in Jetty 12; {@code SlowHeadersTest} fails if that changes).
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final int CHECKS_PER_DEADLINE = 10;
    private static final long MAX_PERIOD_MILLIS = 1000;

    /** When the current header of a connection was first seen under way, and for which request. */
    private record UnderWay(long messagesIn, long sinceNanos, boolean cut) {
        static final UnderWay NONE = new UnderWay(-1, 0, false);
    }

    private final Server server;
    private final long deadlineNanos;
    private final Counter cut;
    private final Map<HttpConnection, UnderWay> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService checker;

    HeaderDeadline(Server server, Duration deadline, MeterRegistry metrics) {
        this.server = server;
        this.deadlineNanos = deadline.toNanos();
        this.cut = Counter.builder("opvang_http_refused").tag("reason", "slow_header")
                .description("HTTP requests refused before any route saw them").register(metrics);
    }

    @Override
    protected void doStart() {
        for (Connector connector : server.getConnectors()) {
            connector.addEventListener(this);
        }
        long period = Math.max(10, Math.min(MAX_PERIOD_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadlineNanos) / CHECKS_PER_DEADLINE));
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        checker.shutdownNow();
        open.clear();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, UnderWay.NONE);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void check() {
        long now = System.nanoTime();
        open.replaceAll((connection, seen) -> {
            HttpParser parser = connection.getParser();
            if (parser.isStart() || !parser.inHeaderState()) {
                return UnderWay.NONE;
            }
            long request = connection.getMessagesIn();
            if (seen.messagesIn() != request) {
                return new UnderWay(request, now, false);
            }
            if (!seen.cut() && now - seen.sinceNanos() >= deadlineNanos) {
                cut.increment();
                connection.getEndPoint().close();
                return new UnderWay(request, seen.sinceNanos(), true);
            }
            return seen;
        });
    }
}
