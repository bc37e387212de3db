package nl.opvang.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why a location refused a placement request (a hold): the one vocabulary of refusal reasons (docs/DESIGN.md §3), with
 * the Dutch label every screen and report shows. The kiosk (through the node's state), the simulator and the hub's
 * monitoring read this list; none keeps its own. On the wire a {@code hold_refused} keeps its free-text {@code reason}
 * (v1): the kiosk sends the label, and any other text (written at the hub, or by a node with older software) is
 * counted as {@link #OTHER}.
 */
public enum HoldRefusal {
    /** No place free after all (taken meanwhile, or promised to someone at the door). */
    NO_PLACE("Geen plek vrij"),
    /** The place does not suit the person asked for (target group, care needs). */
    UNSUITED("Past niet bij onze doelgroep"),
    /** Safety: the person cannot be taken in here (a house ban, risk to others). */
    SAFETY("Veiligheid"),
    OTHER("Anders");

    private final String label;

    HoldRefusal(String label) {
        this.label = label;
    }

    /** The code reports use, e.g. {@code no_place}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Dutch label, e.g. "Geen plek vrij": what the kiosk offers and sends as the reason. */
    public String label() {
        return label;
    }

    /** The codes of the vocabulary, in order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(HoldRefusal::code).toList();
    }

    /** The refusal a reason's text stands for: one of the labels, else {@link #OTHER}. */
    public static HoldRefusal of(String reason) {
        for (HoldRefusal refusal : values()) {
            if (refusal.label.equals(reason)) {
                return refusal;
            }
        }
        return OTHER;
    }
}
