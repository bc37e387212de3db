package nl.opvang.hub.referral;

/** The JSON bodies of the referral routes (docs/DESIGN.md §6); unknown fields are ignored. */
final class ReferralBody {
    private ReferralBody() {
    }

    /**
     * {@code POST /api/v1/referrals}: the desk (a VO provider, as the search names it), urgency ({@code immediate},
     * {@code today}), adults (default 1) and children (default 0), optionally a target group, and safety notes.
     */
    record Create(String desk, String urgency, Integer adults, Integer children, String group, String notes) {
    }

    /** The desk's answer: a place ({@code site}, {@code kind}, optional {@code bed}) or {@code elsewhere}. */
    record Accept(String site, String kind, String bed, Boolean elsewhere, String instructions) {
    }

    record Refuse(String reason) {
    }
}
