package nl.opvang.hub.placement;

import nl.opvang.protocol.Check;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * A new placement request: a place of {@code kind} at {@code site}, or a specific {@code bed} there; {@code site}
 * {@code null} means "any place of this kind in the region", resolved at creation (docs/DESIGN.md §4).
 */
public record HoldRequest(String site, Kind kind, String bed) {
    public HoldRequest {
        if (kind == null) {
            throw HoldProblem.badRequest("Kies een soort plek (kind)");
        }
        if (bed != null) {
            if (site == null) {
                throw HoldProblem.badRequest("Een bed kan alleen bij een gekozen locatie (site) worden aangevraagd");
            }
            try {
                Check.bed("bed", bed);
            } catch (ProtocolException e) {
                throw HoldProblem.badRequest("Onbekende bedcode");
            }
        }
    }

    /** Any place of {@code kind} in the region. */
    public static HoldRequest anywhere(Kind kind) {
        return new HoldRequest(null, kind, null);
    }
}
