package nl.opvang.hub.placement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import nl.opvang.hub.json.StrictText;

/**
 * The JSON bodies of the holds' POST routes (docs/DESIGN.md §6), as Jackson binds them; every field is text or absent.
 */
final class HoldBody {
    private HoldBody() {
    }

    /** {@code POST /api/v1/holds}: {@code {"kind": "crisis", "site": "…", "bed": "…"}}. */
    record Create(@JsonDeserialize(using = StrictText.class) String site,
                  @JsonDeserialize(using = StrictText.class) String kind,
                  @JsonDeserialize(using = StrictText.class) String bed) {
    }

    /** {@code POST /api/v1/holds/{id}/accept}: {@code {"bed": "…", "instructions": "…"}}. */
    record Accept(@JsonDeserialize(using = StrictText.class) String bed,
                  @JsonDeserialize(using = StrictText.class) String instructions) {
    }

    /** {@code POST /api/v1/holds/{id}/refuse}: {@code {"reason": "…"}}. */
    record Refuse(@JsonDeserialize(using = StrictText.class) String reason) {
    }
}
