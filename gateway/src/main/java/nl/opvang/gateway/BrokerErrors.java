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
 * What outsiders can make the embedded broker log, counted and logged in bounded lines. Moquette logs every connection
 * it closes after a malformed packet as an ERROR with the whole stack trace (about 4 KB a packet: 866 KB from 210
 * packets), a packet before CONNECT or of a type only brokers send as a line each, and every publish or subscription
 * outside a login's ACL as a line each. Anyone who reaches the port (or any enrolled node) can write those, so this
 * filter takes those lines of Moquette's and instead counts {@code opvang_mqtt_malformed_packets_total},
 * {@code opvang_mqtt_denied_total} and {@code opvang_mqtt_refused_logins_total}, each with one short line at most once
 * per {@link #LINE_EVERY_MILLIS} saying how many there were since the last. Installed while the embedded broker runs;
 * other lines pass untouched.
 */
final class BrokerErrors extends TurboFilter {
    /** Moquette's Netty handler: its ERROR lines are "closing the connection after this packet". */
    static final String HANDLER_LOGGER = "io.moquette.broker.NewNettyMQTTHandler";
    static final long LINE_EVERY_MILLIS = 10_000;
    private static final int MAX_DETAIL = 160;
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Bounded malformed;
    private final Bounded denied;
    private final Bounded refused;

    private BrokerErrors(MeterRegistry metrics, Clock clock) {
        this.malformed = new Bounded(Counter.builder("opvang_mqtt_malformed_packets")
                .description("Malformed or unexpected packets the embedded broker refused").register(metrics), clock,
                "MQTT: refused {} malformed or unexpected packet(s) (connection closed where MQTT says so); the last: {}");
        this.denied = new Bounded(Counter.builder("opvang_mqtt_denied")
                .description("Publishes and subscriptions the embedded broker denied by the ACL").register(metrics), clock,
                "MQTT: denied {} publish(es) or subscription(s) outside the login's ACL; the last: {}");
        this.refused = new Bounded(Counter.builder("opvang_mqtt_refused_logins")
                .description("Logins with a user name the embedded broker refused").register(metrics), clock,
                "MQTT: refused {} login(s); the last: {}");
    }

    /** Installs the filter when the logging is logback's (the counters count either way). */
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

    /** A publish ({@code write}) or subscription the ACL did not allow. */
    void denied(String user, String topic, boolean write) {
        denied.record((write ? "publish by " : "subscription by ") + user + " on " + topic);
    }

    /** A login the access refused (wrong password, unknown user, a client id that is not the user name). */
    void refused(String clientId, String user) {
        refused.record("user " + user + " asking for client id " + clientId);
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
                malformed.record(reason(cause));
            }
            return FilterReply.DENY;
        }
        if (format == null) {
            return FilterReply.NEUTRAL;
        }
        // Packets Moquette drops with a line each but without closing: a PUBLISH or SUBSCRIBE before CONNECT (no client
        // id yet, so no session to route to) and a packet type only a broker sends (SUBACK, CONNACK, ...).
        if (name.equals("io.moquette.broker.SessionEventLoopGroup") && format.startsWith("Routing collision")) {
            malformed.record("a packet before CONNECT");
            return FilterReply.DENY;
        }
        if (name.equals("io.moquette.broker.MQTTConnection") && format.startsWith("Unknown MessageType")) {
            malformed.record("a packet type clients do not send");
            return FilterReply.DENY;
        }
        // Counted where the ACL is asked (denied()); Moquette's own line for each is dropped.
        if (name.equals("io.moquette.broker.PostOffice") && format.contains("is not authorized to publish")
                || name.equals("io.moquette.broker.Authorizator") && format.startsWith("Client does not have read permissions")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
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
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** A counter with a log line at most once per {@link #LINE_EVERY_MILLIS}, naming how many since the last line. */
    private static final class Bounded {
        private final Counter counter;
        private final Clock clock;
        private final String line;
        private final AtomicLong lastLine = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong sinceLine = new AtomicLong();

        Bounded(Counter counter, Clock clock, String line) {
            this.counter = counter;
            this.clock = clock;
            this.line = line;
        }

        void record(String detail) {
            counter.increment();
            long count = sinceLine.incrementAndGet();
            long now = clock.millis();
            long last = lastLine.get();
            if ((last == Long.MIN_VALUE || now - last >= LINE_EVERY_MILLIS) && lastLine.compareAndSet(last, now)) {
                sinceLine.addAndGet(-count);
                String text = detail == null ? "" : detail.replaceAll("\\p{Cntrl}", " ");
                LOG.warn(line, count, text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…");
            }
        }
    }
}
