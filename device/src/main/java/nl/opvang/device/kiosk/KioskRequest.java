package nl.opvang.device.kiosk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of a kiosk page's POST, as Jackson binds it: every route reads the fields it needs, absent ones are
 * {@code null}. A body that is missing, too large, not JSON or of the wrong types binds to {@link #EMPTY}, so that its
 * fields fail as missing, as the page's own requests never do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record KioskRequest(String bed, String pass, Boolean fromReader, String origin, String destination, String status,
                    String reason, String hold, String instructions, String pin, Integer capacity, String date,
                    String time, String right) {
    static final KioskRequest EMPTY = new KioskRequest(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    /** Whether the pass number is the one the reader read for this dialog rather than typed. */
    boolean readerPass() {
        return Boolean.TRUE.equals(fromReader);
    }
}
