package nl.opvang.hub.monitoring;

import java.util.Map;
import nl.opvang.protocol.Destination;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.TurnAwayReason;

/**
 * The Dutch labels of the codes the figures group by (docs/MONITORING.md "Codes"), in one place: turn-away reasons,
 * destinations at check-out, origin classes, kinds and hold refusals. Answers carry the code and this label; a code
 * without a label (a reason a newer node sends) is shown as "Anders (code)", never dropped.
 */
public final class Labels {
    private static final Map<String, String> ORIGINS = Map.of("regio", "Regiogemeente", "elders",
            "Andere gemeente", "passant", "Passant (geen vaste gemeente)", "buitenland", "Buitenland", "onbekend",
            "Onbekend");
    private static final Map<String, String> KINDS = Map.of("regular", "Regulier", "crisis", "Crisis", "nood",
            "Noodbed", "opstart", "Opstart", "family", "Gezin", "", "Soort onbekend");

    private Labels() {
    }

    /** A turn-away reason's label from the one vocabulary (protocol {@link TurnAwayReason}; older codes too). */
    public static String reason(String code) {
        try {
            return TurnAwayReason.fromWire("reason", code).label();
        } catch (ProtocolException e) {
            return label(Map.of(), code);
        }
    }

    /** A destination's label from the one vocabulary (protocol {@link Destination}; older codes too). */
    public static String destination(String code) {
        return code == null ? Destination.ONBEKEND.label()
                : Destination.of(code).map(Destination::label).orElseGet(() -> label(Map.of(), code));
    }

    /** A destination's code in the vocabulary (an older code as the one it stands for); any other code as it is. */
    static String destinationCode(String code) {
        return Destination.of(code).map(Destination::wire).orElse(code);
    }

    public static String origin(String code) {
        return label(ORIGINS, code);
    }

    public static String kind(String code) {
        return label(KINDS, code);
    }

    private static String label(Map<String, String> labels, String code) {
        String label = labels.get(code);
        return label != null ? label : "Anders (" + code + ")";
    }
}
