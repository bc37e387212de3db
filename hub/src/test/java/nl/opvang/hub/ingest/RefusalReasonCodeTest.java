package nl.opvang.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refused event carries a reason code beside its English reason, and every code has a Dutch word for the admin
 * page ({@code refused.<code>} in words.properties, issue #15 item 10): refusals made by the real ingest on a real
 * SQLite file.
 */
class RefusalReasonCodeTest {
    @TempDir
    Path dataDir;
    HubStoreFixture hub;
    final Messages node = new Messages("test", "test-1");

    @BeforeEach
    void born() {
        hub = new HubStoreFixture(dataDir);
        hub.deliver(node.testBirth());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void each_refusal_of_the_ingest_has_a_code_with_a_dutch_word() {
        hub.deliver(node.next(new Payload.BedStatus("X9", PlaceStatus.CLEANING)),
                node.next(new Payload.CheckIn("T5", Kind.REGULAR, Messages.token(1), null, null)),
                node.next(new Payload.Count(Kind.NOOD, 1)),
                node.next(new Payload.Invalid(Reason.BAD_FIELD, "field 'seq' must be an integer", "{}", false)));

        Map<String, String> codes = new RefusedEvents(hub.database).newest(10).stream()
                .collect(Collectors.toMap(RefusedEvents.Refused::reason, RefusedEvents.Refused::reasonCode));
        assertEquals(Map.of("bed X9 is not this node's", "not_this_node",
                "bed T5 is crisis, not regular", "wrong_kind",
                "kind nood is not counted at this node", "not_counted",
                "does not follow the contract (bad_field): field 'seq' must be an integer", "bad_field"), codes);
        for (String code : codes.values()) {
            assertTrue(Words.all().containsKey("refused." + code), code);
        }
    }

    @Test
    void the_fixed_reasons_and_every_contract_reason_have_a_code_and_a_word() {
        assertEquals("conflict", Refusals.code("conflict", Refusals.CONFLICT));
        assertEquals("superseded", Refusals.code("refused", Refusals.SUPERSEDED));
        assertEquals("over_capacity", Refusals.code("refused",
                "capacity 9 of nood is more than the 4 the registry gives this node"));
        assertEquals("other", Refusals.code("refused", "something new"));
        List<String> codes = Arrays.stream(Reason.values()).map(reason -> Refusals.code("refused", Refusals.reason(
                new Payload.Invalid(reason, "x", "{}", false)))).toList();
        assertEquals(Arrays.stream(Reason.values()).map(Reason::label).toList(), codes);
        for (String code : codes) {
            assertTrue(Words.all().containsKey("refused." + code), code);
        }
        for (String code : List.of("conflict", "superseded", "not_this_node", "wrong_kind", "over_capacity",
                "not_counted", "other")) {
            assertTrue(Words.all().containsKey("refused." + code), code);
        }
    }
}
