package nl.opvang.hub.report;

import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;

/** {@code /api/v1/reports/availability.csv}: what the printable page shows, one row per location and kind. */
final class AvailabilityCsv {
    static final List<String> HEADER = List.of("locatie", "naam", "gemeente", "soort", "capaciteit", "bezet",
            "gereserveerd", "schoonmaak", "buiten_gebruik", "vrij", "laatst_bekend_vrij", "actualiteit", "laatst_bevestigd",
            "telefoon");

    private AvailabilityCsv() {
    }

    static String write(List<LocationAvailability> locations) {
        List<List<Object>> rows = new ArrayList<>();
        for (LocationAvailability location : locations) {
            for (KindAvailability kind : location.kinds()) {
                rows.add(List.of(location.code(), location.name(), location.municipality(), kind.kind().wire(),
                        kind.capacity(), kind.occupied(), kind.held(), kind.cleaning(), kind.outOfService(), kind.free(),
                        kind.lastKnownFree(), location.freshness().wire(),
                        location.lastConfirmedAt() == null ? ""
                                : location.lastConfirmedAt().atZone(Nights.ZONE).toOffsetDateTime().toString(),
                        location.phone()));
            }
        }
        return Csv.write(HEADER, rows);
    }
}
