package nl.opvang.hub.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.Html;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Resources;
import nl.opvang.hub.http.Template;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Audience;
import nl.opvang.hub.location.Phone;
import nl.opvang.protocol.Kind;

/**
 * The printable page of docs/DESIGN.md §6: last-known availability and whom to call, on paper, for when the hub is
 * down. Rendered on the server (no script: it must print as it is) from one snapshot of the projection, into the
 * templates {@code pages/print.html} (a column and a cell per kind) and {@code pages/print-row.html}. The same content
 * goes into the fallback file the hub writes beside its data (docs/DESIGN.md §6), then with its style inside and no
 * script or link, so that it reads the same when opened from a disk or a mail.
 */
final class PrintPage {
    private static final Template PAGE = Template.of("pages/print.html");
    private static final Template ROW = Template.of("pages/print-row.html");
    private static final Html SECRET = Template.of("pages/print-secret.html").fill();
    private static final Template PHONE = Template.of("pages/print-phone.html");
    private static final Html WEB_HEAD = Template.of("pages/print-web-head.html").fill();
    private static final Html WEB_HOWTO = Template.of("pages/print-web-howto.html").fill();
    private static final Template FILE_HEAD = Template.of("pages/print-file-head.html");
    private static final Html FILE_HOWTO = Template.of("pages/print-file-howto.html").fill();

    private PrintPage() {
    }

    /** The page {@code /print} serves: its style and the account bar's scripts linked, a print button. */
    static Html render(String regionName, List<LocationAvailability> locations, Instant printedAt) {
        return render(regionName, locations, "afgedrukt " + Pages.dateTime(printedAt), "afdrukken", WEB_HEAD, WEB_HOWTO);
    }

    /** The same page as one file on its own: its style inside, no script, no link to the hub. */
    static Html standalone(String regionName, List<LocationAvailability> locations, Instant writtenAt) {
        Html style = FILE_HEAD.fill(Map.of("css", new Html(Resources.text("print.css"))));
        return render(regionName, locations, "bijgewerkt " + Pages.dateTime(writtenAt), "bijwerken", style, FILE_HOWTO);
    }

    /** {@code moment}: when the figures were taken, as in "bij het afdrukken". */
    private static Html render(String regionName, List<LocationAvailability> locations, String when, String moment,
                               Html head, Html howto) {
        Map<String, Object> values = new HashMap<>();
        values.put("moment", moment);
        values.put("title", "Laatst bekende beschikbaarheid — " + when);
        values.put("head", head);
        values.put("howto", howto);
        values.put("region", regionName);
        values.put("totals", totals(locations, moment));
        for (Kind kind : Kind.values()) {
            values.put("column-" + kind.wire(), Words.column(kind));
        }
        values.put("rows", Html.join(locations.stream().map(PrintPage::row).toList()));
        return PAGE.fill(values);
    }

    private static Html row(LocationAvailability location) {
        Map<Kind, KindAvailability> kinds = new EnumMap<>(Kind.class);
        location.kinds().forEach(each -> kinds.put(each.kind(), each));
        Map<String, Object> values = new HashMap<>();
        values.put("code", location.code());
        values.put("name", location.name());
        values.put("secret", location.secret() ? SECRET : Html.EMPTY);
        values.put("municipality", location.municipality());
        values.put("audience", audience(location.audience()));
        for (Kind kind : Kind.values()) {
            values.put(kind.wire(), cell(kinds.get(kind), location.freshness()));
        }
        values.put("freshness", freshness(location));
        values.put("phone", phone(location.phone()));
        return ROW.fill(values);
    }

    /** A phone as a {@code tel:} link to its number (the note stays in the text); the text alone without a number. */
    private static Object phone(String phone) {
        String number = Phone.dialled(phone);
        return number == null ? (phone == null ? "" : phone) : PHONE.fill(Map.of("number", number, "phone", phone));
    }

    /** "Vrouwenopvang · voor vrouwen, gezinnen": whom the location is for (docs/DESIGN.md §4), or empty. */
    static String audience(Audience audience) {
        List<String> parts = new ArrayList<>();
        if (audience.domain() != null) {
            parts.add(Words.capitalised(Words.word("domain." + audience.domain().wire())));
        }
        if (!audience.groups().isEmpty()) {
            parts.add("voor " + audience.groups().stream().map(group -> Words.word("group." + group.wire()))
                    .collect(Collectors.joining(", ")));
        }
        return String.join(" · ", parts);
    }

    /** "3 vrij", "laatst bekend: 3" (not live), "gesloten" (no open places), or "–" (the location has none). */
    static String cell(KindAvailability places, Freshness freshness) {
        if (places == null) {
            return "–";
        }
        if (places.capacity() == 0) {
            return Words.word("count.closed");
        }
        if (freshness != Freshness.LIVE) {
            return Words.word("count.last-known") + ": " + places.lastKnownFree();
        }
        return places.free() + " " + Words.word("status.free");
    }

    /** "live", "laatst bevestigd 22 nov 23:05", "geen contact sinds 22 nov 23:05" or "geen contact". */
    static String freshness(LocationAvailability location) {
        Instant confirmed = location.lastConfirmedAt();
        if (location.freshness() == Freshness.LIVE) {
            return Words.word("freshness.live");
        }
        if (confirmed == null) {
            return Words.word("freshness.offline");
        }
        if (location.freshness() == Freshness.STALE) {
            return Words.word("freshness.confirmed") + " " + Pages.dayTime(confirmed);
        }
        return Words.word("freshness.offline-since") + " " + Pages.dayTime(confirmed);
    }

    /** "Live vrij bij het afdrukken: plek 3 · crisisplek 1 · noodbed 0 · opstartplek 0 · gezinsplek 0". */
    private static String totals(List<LocationAvailability> locations, String moment) {
        int[] free = new int[Kind.values().length];
        for (LocationAvailability location : locations) {
            for (KindAvailability kind : location.kinds()) {
                free[kind.kind().ordinal()] += kind.free();
            }
        }
        StringBuilder text = new StringBuilder("Live vrij bij het " + moment + ":");
        String separator = " ";
        for (Kind kind : Kind.values()) {
            text.append(separator).append(Words.kind(kind)).append(' ').append(free[kind.ordinal()]);
            separator = " · ";
        }
        return text.toString();
    }
}
