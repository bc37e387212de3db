package nl.opvang.hub.waitlist;

import java.util.Arrays;
import java.util.Locale;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.protocol.Kind;

/**
 * What an entry waits for: a kind of place the hub counts (docs/DESIGN.md §4; {@code nood} is opened for a night,
 * nobody waits for it), or a function the decision names (seed: MO, beschermd wonen "Stabilisatie & Observatie" and
 * "Herstel & Groei"). Places carry no function at the hub yet (issue #14), so a function is listed and aged but cannot
 * be offered from here.
 */
enum Need {
    REGULAR(Kind.REGULAR),
    CRISIS(Kind.CRISIS),
    OPSTART(Kind.OPSTART),
    FAMILY(Kind.FAMILY),
    MO(null),
    BW_SO(null),
    BW_HG(null);

    private final Kind kind;

    Need(Kind kind) {
        this.kind = kind;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of place that fulfils it, or {@code null} for a function. */
    Kind kind() {
        return kind;
    }

    static Need fromWire(String value) {
        return Arrays.stream(values()).filter(need -> need.wire().equals(value)).findFirst()
                .orElseThrow(() -> new BadRequest("Kies waarvoor iemand wacht (need): regular, crisis, opstart, family, mo,"
                        + " bw_so (Stabilisatie & Observatie) of bw_hg (Herstel & Groei)"));
    }
}
