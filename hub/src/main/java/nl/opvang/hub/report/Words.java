package nl.opvang.hub.report;

import java.time.Instant;
import java.util.Map;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.protocol.Kind;

/** The Dutch words of DESIGN §6 for kinds and freshness, as the CT page uses them, for server-rendered pages and CSV. */
final class Words {
    private static final Map<Kind, String> COLUMN = Map.of(Kind.REGULAR, "Plek", Kind.CRISIS, "Crisisplek",
            Kind.NOOD, "Noodbed", Kind.OPSTART, "Opstartplek", Kind.FAMILY, "Gezinsplek");

    private Words() {
    }

    /** "Plek", "Crisisplek", ...: a column head. */
    static String kind(Kind kind) {
        return COLUMN.get(kind);
    }

    /** "live", "laatst bevestigd 22 nov 23:05", "geen contact sinds 22 nov 23:05" or "geen contact". */
    static String freshness(LocationAvailability location) {
        Instant confirmed = location.lastConfirmedAt();
        if (location.freshness() == Freshness.LIVE) {
            return "live";
        }
        if (confirmed == null) {
            return "geen contact";
        }
        if (location.freshness() == Freshness.STALE) {
            return "laatst bevestigd " + Pages.dayTime(confirmed);
        }
        return "geen contact sinds " + Pages.dayTime(confirmed);
    }
}
