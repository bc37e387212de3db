package nl.opvang.hub.waitlist;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import nl.opvang.hub.json.StrictText;

/**
 * The JSON bodies of the waiting list's routes (docs/DESIGN.md §6). Every field is text or absent, and there is no
 * field for a name or any other text about the person: a body with a field not listed here is refused (the hub's JSON
 * mapper refuses unknown fields), so {@code "name"} or {@code "bsn"} never gets in.
 */
final class WaitlistBody {
    private WaitlistBody() {
    }

    /** {@code POST /api/v1/waitlist}. */
    record Add(@JsonDeserialize(using = StrictText.class) String need,
               @JsonDeserialize(using = StrictText.class) String decidedOn,
               @JsonDeserialize(using = StrictText.class) String priority,
               @JsonDeserialize(using = StrictText.class) String origin,
               @JsonDeserialize(using = StrictText.class) String exemption) {
    }

    /** {@code PUT /api/v1/waitlist/{id}}: the priority and the exemption (absent or empty: none). */
    record Change(@JsonDeserialize(using = StrictText.class) String priority,
                  @JsonDeserialize(using = StrictText.class) String exemption) {
    }

    /** {@code POST /api/v1/waitlist/{id}/offer}: optionally the location; absent: the region's live location with most free. */
    record Offer(@JsonDeserialize(using = StrictText.class) String site) {
    }

    /** {@code POST /api/v1/waitlist/{id}/close}. */
    record Close(@JsonDeserialize(using = StrictText.class) String reason) {
    }
}
