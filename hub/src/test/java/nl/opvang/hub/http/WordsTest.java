package nl.opvang.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.placement.HoldState;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.TurnAwayReason;
import org.junit.jupiter.api.Test;

/** words.properties has a word for every wire name the pages show (a missing one would show the bare key). */
class WordsTest {
    @Test
    void every_kind_status_freshness_hold_state_and_role_has_its_words() {
        for (Kind kind : Kind.values()) {
            assertFalse(Words.kind(kind).isEmpty());
            assertFalse(Words.kind(kind, 2).isEmpty());
        }
        for (PlaceStatus status : PlaceStatus.values()) {
            assertFalse(Words.word("status." + status.wire()).isEmpty(), status.wire());
        }
        for (Freshness freshness : Freshness.values()) {
            assertFalse(Words.word("freshness." + freshness.wire()).isEmpty(), freshness.wire());
        }
        for (HoldState state : HoldState.values()) {
            assertFalse(Words.holdState(state.wire()).isEmpty(), state.wire());
        }
        for (Role role : Role.values()) {
            assertFalse(Words.word("role." + role.wire()).isEmpty(), role.wire());
            assertFalse(Words.requester(role.wire()).isEmpty(), role.wire());
        }
    }

    @Test
    void turn_away_reasons_are_the_protocols_one_vocabulary_older_codes_included() {
        for (TurnAwayReason reason : TurnAwayReason.values()) {
            assertEquals(reason.label(), Words.word("turnAway." + reason.wire()), "served to the pages as words.js");
            assertEquals(reason.label(), Words.turnAwayReason(reason.wire()));
        }
        assertEquals("Vol", Words.turnAwayReason("vol"));
        assertEquals("Geen regiobinding", Words.turnAwayReason("regiobinding"));
        assertThrows(ProtocolException.class, () -> Words.turnAwayReason("geen_plek"));
    }

    @Test
    void the_words_are_those_of_design_section_6() {
        assertEquals("crisisplek", Words.kind(Kind.CRISIS));
        assertEquals("noodbedden", Words.kind(Kind.NOOD, 0));
        assertEquals("Gezinsplek", Words.column(Kind.FAMILY));
        assertEquals("buiten gebruik", Words.word("status.out_of_service"));
        assertEquals("gebruikt (ingecheckt)", Words.holdStateAlready("fulfilled"));
        assertEquals("verlopen", Words.holdStateAlready("expired"));
        assertEquals("VO-toegang", Words.requester("vo_desk"));
    }
}
