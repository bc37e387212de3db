package nl.opvang.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.opvang.protocol.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused messages by reason and logs the first of each kind, so that a flood of bad input cannot flood the
 * log. Payload contents are never logged: they may hold anything.
 */
final class Rejections {
    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
    private final Set<Reason> logged = ConcurrentHashMap.newKeySet();

    Rejections(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("opvang_messages_rejected")
                    .description("Messages refused before storing, by reason")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    void reject(Reason reason, String topic, String problem) {
        counters.get(reason).increment();
        if (logged.add(reason)) {
            LOG.warn("Refused a message on {} ({}): {}. Further messages refused for this reason are only counted "
                    + "in /metrics as opvang_messages_rejected_total{reason=\"{}\"}.", safeTopic(topic), reason.label(),
                    problem, reason.label());
        }
    }

    /** Topics are codes only, but a bad one may be long or contain anything: bound it. */
    private static String safeTopic(String topic) {
        if (topic == null) {
            return "(no topic)";
        }
        String bounded = topic.length() > 80 ? topic.substring(0, 80) + "…" : topic;
        return bounded.replaceAll("[^A-Za-z0-9/+#_.-]", "?");
    }
}
