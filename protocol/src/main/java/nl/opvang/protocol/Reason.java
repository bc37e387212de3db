package nl.opvang.protocol;

import java.util.Locale;

/** Why an incoming message was refused. The label is used in metrics, so the set is closed and small. */
public enum Reason {
    BAD_JSON,
    TOO_LARGE,
    UNKNOWN_VERSION,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    BAD_FIELD,
    BAD_TOPIC,
    TOPIC_MISMATCH,
    UNKNOWN_NODE;

    /** The metric label, e.g. {@code bad_json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
