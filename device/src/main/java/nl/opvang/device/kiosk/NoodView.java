package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import nl.opvang.device.node.CountPlace;
import nl.opvang.device.node.Node;
import nl.opvang.protocol.HubCounts;

/**
 * The noodbedden on the kiosk (issue 13): their state in words, the choices for opening them (how many, until which day
 * and hour, default the next day 12:00 local) and the hub's cold-weather banner. Local times are the location's,
 * Europe/Amsterdam, as the rest of the kiosk.
 */
final class NoodView {
    static final ZoneId LOCAL = Dutch.LOCAL;
    /** The hours staff can pick for the end; 12:00 is the default (docs/DESIGN.md §3). */
    static final List<String> TIMES = List.of("09:00", "12:00", "18:00");
    static final String DEFAULT_TIME = "12:00";
    private static final List<String> DAY_WORDS = List.of("nood.today", "nood.tomorrow", "nood.dayAfter");

    private final Node node;
    private final Clock clock;

    NoodView(Node node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /** "Koudweerregeling actief tot di 8 dec 12:00" while the hub's counts say cold-weather mode is on. */
    void coldWeather(ObjectNode out) {
        Optional<Instant> until = node.regionCounts().map(HubCounts::coldWeatherUntil)
                .filter(end -> end.isAfter(clock.instant()));
        until.ifPresent(end -> out.putObject("coldWeather").put("text",
                Dutch.word("coldweather.until").replace("{0}", Dutch.dayTime(end))));
    }

    /** The nood places, when this location has them as a count-only kind. */
    void write(ObjectNode out) {
        Optional<CountPlace> nood = node.nood();
        if (nood.isEmpty()) {
            return;
        }
        CountPlace place = nood.get();
        ObjectNode item = out.putObject("nood");
        item.put("configured", place.configured());
        item.put("capacity", place.capacity());
        item.put("occupied", place.occupied());
        item.put("open", place.open());
        item.put("closing", place.closing());
        item.put("text", text(place));
        LocalDate today = LocalDate.now(clock.withZone(LOCAL));
        ArrayNode days = item.putArray("days");
        for (int plus = 0; plus < DAY_WORDS.size(); plus++) {
            LocalDate day = today.plusDays(plus);
            days.addObject().put("date", day.toString())
                    // "Morgen 8 dec": short, so that the three days fit one row of the 800 px screen.
                    .put("text", Dutch.word(DAY_WORDS.get(plus)) + " " + Dutch.day(day).replaceFirst("^\\S+ ", ""));
        }
        item.put("defaultDate", today.plusDays(1).toString());
        ArrayNode times = item.putArray("times");
        TIMES.forEach(times::add);
        item.put("defaultTime", DEFAULT_TIME);
    }

    /** "Noodbedden: open tot di 8 dec 12:00 · 1 van 4 bezet", "Noodbedden: sluit zodra vrij · 1 bezet", "…: gesloten". */
    private static String text(CountPlace place) {
        String label = Dutch.panelLabel(place.kind(), false) + ": ";
        if (!place.open()) {
            return label + Dutch.word("nood.closed");
        }
        if (place.closing()) {
            return label + Dutch.word("nood.closing") + " · " + place.occupied() + " bezet";
        }
        String until = place.until() == null ? "open" : Dutch.word("nood.until").replace("{0}", Dutch.dayTime(place.until()));
        return label + until + " · " + place.occupied() + " van " + place.capacity() + " bezet";
    }

    /** The end time staff chose: a day and one of the hours, local; {@link IllegalArgumentException} for anything else. */
    static Instant until(String date, String time) {
        if (date == null || time == null || !TIMES.contains(time)) {
            throw new IllegalArgumentException("until: a day and one of " + TIMES);
        }
        try {
            return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(LOCAL).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("until: " + date + " " + time, e);
        }
    }
}
