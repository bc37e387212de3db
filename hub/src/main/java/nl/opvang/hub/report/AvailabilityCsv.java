package nl.opvang.hub.report;

import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.Words;

/**
 * {@code /api/v1/reports/availability.csv}: what the printable page shows, one row per location and kind. People open
 * it in a spreadsheet, so kind and freshness are Dutch words ("Crisisplek", "stil"); the wire codes follow in the last
 * columns ({@code soort_code}, {@code actualiteit_code}) for whoever reads the file by program.
 */
final class AvailabilityCsv {
    static final List<String> HEADER = List.of("locatie", "naam", "gemeente", "soort", "capaciteit", "bezet",
            "gereserveerd", "schoonmaak", "buiten_gebruik", "vrij", "laatst_bekend_vrij", "actualiteit", "laatst_bevestigd",
            "telefoon", "soort_code", "actualiteit_code");

    private AvailabilityCsv() {
    }

    static String write(List<LocationAvailability> locations) {
        List<List<Object>> rows = new ArrayList<>();
        for (LocationAvailability location : locations) {
            for (KindAvailability kind : location.kinds()) {
                rows.add(List.of(location.code(), location.name(), location.municipality(), Words.column(kind.kind()),
                        kind.capacity(), kind.occupied(), kind.held(), kind.cleaning(), kind.outOfService(), kind.free(),
                        kind.lastKnownFree(), Words.freshness(location.freshness().wire()),
                        location.lastConfirmedAt() == null ? ""
                                : location.lastConfirmedAt().atZone(Nights.ZONE).toOffsetDateTime().toString(),
                        location.phone(), kind.kind().wire(), location.freshness().wire()));
            }
        }
        return Csv.write(HEADER, rows);
    }
}
