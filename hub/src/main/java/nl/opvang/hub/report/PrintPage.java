package nl.opvang.hub.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.protocol.Kind;

/**
 * The printable page of DESIGN §6: last-known availability and whom to call, on paper, for when the hub is down.
 * Rendered on the server (no script: it must print as it is) from one snapshot of the projection.
 */
final class PrintPage {
    private PrintPage() {
    }

    static String render(String regionName, List<LocationAvailability> locations, Instant printedAt) {
        StringBuilder html = new StringBuilder(8192);
        String title = "Laatst bekende beschikbaarheid — afgedrukt " + Pages.dateTime(printedAt);
        html.append("""
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>""").append(Pages.escape(title)).append("""
                </title>
                  <link rel="stylesheet" href="/print.css">
                </head>
                <body>
                <main>
                  <h1>""").append(Pages.escape(title)).append("</h1>\n");
        html.append("  <p class=\"region\">").append(Pages.escape(regionName)).append(". ")
                .append(Pages.escape(totals(locations))).append("</p>\n");
        html.append("""
                  <p>Alleen locaties met <strong>live</strong> contact hadden bij het afdrukken echt vrije plekken.
                  Bij de andere staat het laatst bekende getal: bel altijd eerst.</p>
                  <p class="screen-only">Druk deze pagina af (Ctrl+P) en leg hem bij de telefoon, voor als de centrale
                  niet bereikbaar is. <a href="/ct">Terug naar het overzicht</a></p>
                  <table class="print">
                    <caption>Vrije plekken per locatie, met telefoonnummer</caption>
                    <thead>
                      <tr>
                        <th scope="col">Locatie</th>
                """);
        for (Kind kind : Kind.values()) {
            html.append("        <th scope=\"col\">").append(Words.kind(kind)).append("</th>\n");
        }
        html.append("""
                        <th scope="col">Laatst bevestigd</th>
                        <th scope="col">Telefoon</th>
                      </tr>
                    </thead>
                    <tbody>
                """);
        for (LocationAvailability location : locations) {
            row(html, location);
        }
        html.append("""
                    </tbody>
                  </table>
                </main>
                </body>
                </html>
                """);
        return html.toString();
    }

    private static void row(StringBuilder html, LocationAvailability location) {
        Map<Kind, KindAvailability> kinds = new EnumMap<>(Kind.class);
        location.kinds().forEach(each -> kinds.put(each.kind(), each));
        html.append("      <tr data-code=\"").append(Pages.escape(location.code())).append("\">\n        <th scope=\"row\">")
                .append(Pages.escape(location.name()));
        if (location.secret()) {
            html.append(" <span class=\"note\">(adres geheim)</span>");
        }
        html.append("<span class=\"where\">").append(Pages.escape(location.municipality())).append("</span></th>\n");
        for (Kind kind : Kind.values()) {
            html.append("        <td>").append(Pages.escape(cell(kinds.get(kind), location.freshness()))).append("</td>\n");
        }
        html.append("        <td>").append(Pages.escape(Words.freshness(location))).append("</td>\n")
                .append("        <td class=\"phone\">").append(Pages.escape(location.phone())).append("</td>\n      </tr>\n");
    }

    /** "3 vrij", "laatst bekend: 3" (not live), "gesloten" (no open places), or "–" (the location has none). */
    static String cell(KindAvailability places, Freshness freshness) {
        if (places == null) {
            return "–";
        }
        if (places.capacity() == 0) {
            return "gesloten";
        }
        if (freshness != Freshness.LIVE) {
            return "laatst bekend: " + places.lastKnownFree();
        }
        return places.free() + " vrij";
    }

    private static String totals(List<LocationAvailability> locations) {
        int[] free = new int[Kind.values().length];
        for (LocationAvailability location : locations) {
            for (KindAvailability kind : location.kinds()) {
                free[kind.kind().ordinal()] += kind.free();
            }
        }
        StringBuilder text = new StringBuilder("Live vrij bij het afdrukken:");
        String separator = " ";
        for (Kind kind : Kind.values()) {
            text.append(separator).append(Words.kind(kind).toLowerCase(Locale.ROOT)).append(' ')
                    .append(free[kind.ordinal()]);
            separator = " · ";
        }
        return text.toString();
    }
}
