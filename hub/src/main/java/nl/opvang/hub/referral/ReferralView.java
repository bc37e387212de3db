package nl.opvang.hub.referral;

import java.time.Instant;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Phone;

/**
 * A referral as one caller may see it (the JSON of {@code /api/v1/referrals}). Veilig Thuis never learns which VO
 * location (docs/DESIGN.md §5): {@code site}, {@code location} and {@code kind} are filled for the desk only. {@code
 * notes} go to the desk while the referral is open; {@code instructions} to the requester only, in the answer for one
 * referral. {@code phone} is the desk's 24/7 number, {@code phoneNumber} the same for a {@code tel:} link.
 */
record ReferralView(String id, String desk, String region, String urgency, int adults, int children, String state,
                    Instant createdAt, Instant respondBy, Instant answeredAt, Instant endedAt, String refusal,
                    boolean elsewhere, String phone, String phoneNumber, String site, String location, String kind,
                    boolean mine, boolean mayAnswer, boolean mayWithdraw, String notes, String instructions) {

    static ReferralView of(Referral referral, Principal viewer, Referrals referrals, boolean withTexts) {
        boolean desk = Referrals.mayAnswer(viewer, referral);
        boolean mine = referral.requesterId() == viewer.accountId();
        String phone = referrals.desks().phone(referral.desk());
        String name = desk && referral.site() != null ? referrals.desks().location(referral.site())
                .map(location -> location.name()).orElse(null) : null;
        return new ReferralView(referral.id().toString(), referral.desk(), referral.region(), referral.urgency().wire(),
                referral.adults(), referral.children(), referral.state().wire(), referral.createdAt(),
                referral.respondBy(), referral.answeredAt(), referral.endedAt(), referral.refusal(), referral.elsewhere(),
                phone, phone == null ? null : Phone.dialled(phone), desk ? referral.site() : null, name,
                desk && referral.kind() != null ? referral.kind().wire() : null, mine,
                desk && referral.state() == Referral.State.REQUESTED, mine && referral.state().active(),
                desk ? referrals.notes(viewer, referral).orElse(null) : null,
                mine && withTexts ? referrals.instructions(viewer, referral).orElse(null) : null);
    }
}
