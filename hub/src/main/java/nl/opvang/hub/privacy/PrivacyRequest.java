package nl.opvang.hub.privacy;

import java.util.UUID;
import nl.opvang.protocol.Payload;

/**
 * A rights request as the hub handles it (docs/DESIGN.md §5): which right, from which location's kiosk, when it came
 * in, its statutory deadline (one month, AVG art. 12(3)), and when and by whom it was carried out, with the outcome in
 * Dutch. No pass number and no token: the person's data is found through the request event's token link.
 *
 * @param request    the node's random id for the request
 * @param eventId    the privacy_request event
 * @param restricted whether the person's data is restricted now (art. 18)
 */
public record PrivacyRequest(String request, String eventId, String site, String asked, long receivedMs,
                             long deadlineMs, Long doneMs, String doneBy, String outcome, boolean restricted) {
    /** The reference the person was shown at the kiosk, e.g. {@code P-0A1B-2C3D}. */
    public String reference() {
        return Payload.PrivacyRequest.reference(UUID.fromString(request));
    }

    public boolean open() {
        return doneMs == null;
    }
}
