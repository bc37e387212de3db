package nl.opvang.hub.coldweather;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import nl.opvang.hub.http.BadRequest;

/**
 * What {@code POST /api/v1/cold-weather} asks for, read from its body but not yet checked against the clock and the
 * registry ({@link ColdWeather} does that): {@code until} ({@code null}: the default end), {@code sites} ({@code null}:
 * every location with noodbedden) and the {@code reason}.
 */
record SwitchRequest(Instant until, List<String> sites, String reason) {
    /** The region's local time: the page sends the end as the CT reads it on the clock. */
    static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    static final int MAX_REASON = 300;

    SwitchRequest {
        sites = sites == null ? null : List.copyOf(sites);
    }

    /**
     * Reads an end time: an ISO-8601 time with an offset ({@code 2026-12-08T11:00:00Z}) or a local date and time in
     * Europe/Amsterdam as a {@code datetime-local} field sends it ({@code 2026-12-08T12:00}).
     */
    static Instant until(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException notWithOffset) {
            try {
                return LocalDateTime.parse(trimmed).atZone(LOCAL).toInstant();
            } catch (DateTimeException notLocal) {
                throw new BadRequest("Onbekende eindtijd \"" + shorten(trimmed)
                        + "\": schrijf bijvoorbeeld 2026-12-08T12:00 (Nederlandse tijd)");
            }
        }
    }

    /** A reason for the audit log: required, one line, at most {@value #MAX_REASON} characters. */
    static String reason(String text) {
        String reason = text == null ? "" : text.strip();
        if (reason.length() < 3) {
            throw new BadRequest("Geef een reden op (bijvoorbeeld: vorst, KNMI code oranje)");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadRequest("De reden is te lang: hoogstens " + MAX_REASON + " tekens");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("De reden moet één regel tekst zijn");
        }
        return reason;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
