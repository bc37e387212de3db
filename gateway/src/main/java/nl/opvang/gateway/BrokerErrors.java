package nl.opvang.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Moquette logs every connection it closes after a malformed or unexpected packet as an ERROR with the whole stack
 * trace (about 4 KB a packet: 866 KB from 210 packets), and a packet before CONNECT or of a type only brokers send
 * as a line each. Anyone who reaches the port can write those, so this filter takes those lines, counts each in
 * {@code opvang_mqtt_malformed_packets_total}, and writes one short line instead, at most once per
 * {@link #LINE_EVERY_MILLIS} with how many there were in between.
 * Installed while the embedded broker runs; other loggers pass untouched.
 */
final class BrokerErrors extends TurboFilter {
    /** Moquette's Netty handler: its ERROR lines are "closing the connection after this packet". */
    static final String HANDLER_LOGGER = "io.moquette.broker.NewNettyMQTTHandler";
    static final long LINE_EVERY_MILLIS = 10_000;
    private static final int MAX_REASON = 160;
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Counter malformed;
    private final Clock clock;
    private final AtomicLong lastLine = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sinceLine = new AtomicLong();

    private BrokerErrors(MeterRegistry metrics, Clock clock) {
        this.malformed = Counter.builder("opvang_mqtt_malformed_packets")
                .description("Malformed or unexpected packets the embedded broker refused").register(metrics);
        this.clock = clock;
    }

    /** Installs the filter when the logging is logback's; returns it, or {@code null} when there is nothing to filter. */
    static BrokerErrors install(MeterRegistry metrics, Clock clock) {
        BrokerErrors filter = new BrokerErrors(metrics, clock);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            filter.setName("opvang-broker-errors");
            filter.start();
            context.addTurboFilter(filter);
        }
        return filter;
    }

    void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || level == null || !level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (name.equals(HANDLER_LOGGER)) {
            // ERROR: the connection is closed after this packet; INFO: "Closed client channel due to exception".
            if (level.isGreaterOrEqual(Level.ERROR)) {
                Throwable cause = t != null ? t : params != null && params.length > 0
                        && params[params.length - 1] instanceof Throwable last ? last : null;
                closed(reason(cause));
            }
            return FilterReply.DENY;
        }
        // Packets Moquette drops with a line each but without closing: a PUBLISH or SUBSCRIBE before CONNECT (no client
        // id yet, so no session to route to) and a packet type only a broker sends (SUBACK, PUBLISH-less CONNACK).
        if (format != null && (name.equals("io.moquette.broker.SessionEventLoopGroup") && format.startsWith("Routing collision")
                || name.equals("io.moquette.broker.MQTTConnection") && format.startsWith("Unknown MessageType"))) {
            closed(format.startsWith("Routing") ? "a packet before CONNECT" : "a packet type clients do not send");
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private void closed(String reason) {
        malformed.increment();
        long count = sinceLine.incrementAndGet();
        long now = clock.millis();
        long last = lastLine.get();
        if ((last == Long.MIN_VALUE || now - last >= LINE_EVERY_MILLIS) && lastLine.compareAndSet(last, now)) {
            sinceLine.addAndGet(-count);
            LOG.warn("MQTT: refused {} malformed or unexpected packet(s) (connection closed where MQTT says so); the last: {}",
                    count, reason);
        }
    }

    /** The innermost cause's class and message on one line, cut to a bound: the packet's bytes are the sender's. */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        text = text.replaceAll("[\\p{Cntrl}]", " ");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
