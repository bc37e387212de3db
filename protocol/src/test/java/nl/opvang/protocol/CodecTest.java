package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodecTest {
    private final Codec codec = new Codec();

    @Test
    void every_node_message_type_survives_a_round_trip() {
        for (NodeMessage message : Samples.nodeMessages()) {
            assertEquals(message, codec.decodeNodeMessage(codec.encode(message)));
        }
    }

    @Test
    void the_samples_cover_every_payload_and_command_type() {
        Set<Class<?>> payloads = Samples.payloads().stream().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> sent = new HashSet<>(Arrays.asList(Payload.class.getPermittedSubclasses()));
        sent.remove(Payload.Invalid.class); // made by a receiver, never sent
        assertEquals(sent, payloads);
        Set<Class<?>> commands = Samples.commands().stream().map(command -> command.body().getClass()).collect(Collectors.toSet());
        assertEquals(new HashSet<>(Arrays.asList(Command.Body.class.getPermittedSubclasses())), commands);
    }

    @Test
    void every_command_type_survives_a_round_trip() {
        for (Command command : Samples.commands()) {
            assertEquals(command, codec.decodeCommand(codec.encode(command)));
        }
    }

    @Test
    void acks_and_statuses_survive_a_round_trip() {
        for (Ack ack : Samples.acks()) {
            assertEquals(ack, codec.decodeAck(codec.encode(ack)));
        }
        for (NodeStatus status : Samples.nodeStatuses()) {
            assertEquals(status, codec.decodeNodeStatus(codec.encode(status)));
        }
        for (HubStatus status : Samples.hubStatuses()) {
            assertEquals(status, codec.decodeHubStatus(codec.encode(status)));
        }
    }

    @Test
    void bad_json_is_refused_as_bad_json() {
        assertReason(Reason.BAD_JSON, "{\"v\":1,");
        assertReason(Reason.BAD_JSON, "{\"v\":1} trailing");
        assertReason(Reason.BAD_JSON, "{\"v\":1}{\"v\":1}");
        assertReason(Reason.BAD_JSON, "{\"v\":NaN}");
    }

    @Test
    void json_that_is_not_an_object_is_refused_as_bad_json() {
        assertReason(Reason.BAD_JSON, "[1,2]");
        assertReason(Reason.BAD_JSON, "42");
        assertReason(Reason.BAD_JSON, "null");
        assertReason(Reason.BAD_JSON, "   ");
    }

    @Test
    void an_empty_payload_is_refused_as_bad_json() {
        assertEquals(Reason.BAD_JSON, refusal(new byte[0]).reason());
        assertEquals(Reason.BAD_JSON, assertThrows(ProtocolException.class, () -> codec.decodeNodeMessage(null)).reason());
    }

    @Test
    void a_payload_over_64_kib_is_refused_as_too_large() {
        byte[] json = checkIn(root -> root.put("padding", "x".repeat(Codec.MAX_BYTES)));
        assertEquals(Reason.TOO_LARGE, refusal(json).reason());
        assertEquals(Reason.TOO_LARGE, assertThrows(ProtocolException.class, () -> codec.decodeCommand(json)).reason());
    }

    @Test
    void a_payload_of_exactly_64_kib_is_accepted() {
        byte[] small = checkIn(root -> root.put("padding", ""));
        byte[] json = checkIn(root -> root.put("padding", "x".repeat(Codec.MAX_BYTES - small.length)));
        assertEquals(Codec.MAX_BYTES, json.length);
        codec.decodeNodeMessage(json);
    }

    @Test
    void another_version_is_refused_as_unknown_version() {
        assertEquals(Reason.UNKNOWN_VERSION, refusal(checkIn(root -> root.put("v", 2))).reason());
        assertEquals(Reason.UNKNOWN_VERSION, refusal(checkIn(root -> root.put("v", "1"))).reason());
        assertEquals(Reason.UNKNOWN_VERSION, refusal(checkIn(root -> root.put("v", 1.5))).reason());
    }

    @Test
    void a_huge_version_number_does_not_wrap_around_to_one() {
        byte[] json = "{\"v\":18446744073709551617,\"state\":\"online\",\"started\":\"2026-11-22T18:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.UNKNOWN_VERSION, assertThrows(ProtocolException.class, () -> codec.decodeHubStatus(json)).reason());
    }

    @Test
    void a_missing_version_is_refused_as_unknown_version() {
        assertEquals(Reason.UNKNOWN_VERSION, refusal(checkIn(root -> root.remove("v"))).reason());
    }

    @Test
    void an_unknown_type_is_refused_as_unknown_type() {
        assertEquals(Reason.UNKNOWN_TYPE, refusal(checkIn(root -> root.put("type", "check_up"))).reason());
        byte[] command = SchemaTest.edit(codec.encode(Command.of(new Command.Rebirth())), root -> root.put("type", "reboot"));
        assertEquals(Reason.UNKNOWN_TYPE, assertThrows(ProtocolException.class, () -> codec.decodeCommand(command)).reason());
    }

    @Test
    void a_missing_field_is_refused_and_named() {
        for (String field : List.of("id", "site", "node", "session", "seq", "at", "type", "token")) {
            ProtocolException refused = refusal(checkIn(root -> root.remove(field)));
            assertEquals(Reason.MISSING_FIELD, refused.reason(), field);
            assertTrue(refused.getMessage().contains("'" + field + "'"), refused.getMessage());
        }
    }

    @Test
    void a_field_of_the_wrong_type_is_refused_and_named() {
        assertBadField("seq", checkIn(root -> root.put("seq", "3")));
        assertBadField("seq", checkIn(root -> root.put("seq", 3.5)));
        assertBadField("token", checkIn(root -> root.put("token", 12345678)));
        assertBadField("site", checkIn(root -> root.putArray("site")));
        assertBadField("open", message(new Payload.Capacity(Kind.NOOD, 4, true, null), root -> root.put("open", "yes")));
    }

    @Test
    void a_code_that_breaks_its_pattern_is_refused_and_named() {
        assertBadField("site", checkIn(root -> root.put("site", "Amersfoort Centrum")));
        assertBadField("node", checkIn(root -> root.put("node", "-amg")));
        assertBadField("bed", checkIn(root -> root.put("bed", "A 2")));
        assertBadField("session", checkIn(root -> root.put("session", "short")));
        assertBadField("token", checkIn(root -> root.put("token", "123456789")));
        assertBadField("origin", checkIn(root -> root.put("origin", "amersfoort")));
    }

    @Test
    void seq_zero_is_refused() {
        assertBadField("seq", checkIn(root -> root.put("seq", 0)));
    }

    @Test
    void an_id_that_is_not_a_uuid_is_refused() {
        assertBadField("id", checkIn(root -> root.put("id", "6f1c")));
        assertBadField("id", checkIn(root -> root.put("id", "+0000000-0000-0000-0000-000000000000")));
        assertBadField("id", checkIn(root -> root.put("id", "0000000-00000-0000-0000-000000000000")));
        assertBadField("hold", checkIn(root -> root.put("hold", "7a8b9c0d1e2f4a3b8c4d5e6f7a8b9c0d")));
    }

    @Test
    void a_time_that_is_not_utc_iso_8601_is_refused() {
        assertBadField("at", checkIn(root -> root.put("at", "22-11-2026 22:15")));
        assertBadField("at", checkIn(root -> root.put("at", "2026-11-22T22:15:40z")));
        assertBadField("at", checkIn(root -> root.put("at", "2026-13-22T22:15:40Z")));
    }

    @Test
    void a_time_with_an_offset_is_accepted_and_normalised_to_utc() {
        Instant utc = Instant.parse("2026-11-22T22:15:40Z");
        for (String at : List.of("2026-11-22T23:15:40+01:00", "2026-11-22T17:15:40-05:00", "2026-11-22T22:15:40Z",
                "2026-11-22T22:15:40+00:00")) {
            NodeMessage message = codec.decodeNodeMessage(checkIn(root -> root.put("at", at)));
            assertEquals(utc, message.envelope().at(), at);
            assertTrue(new String(codec.encode(message), StandardCharsets.UTF_8).contains("\"at\":\"2026-11-22T22:15:40Z\""));
        }
    }

    @Test
    void a_message_whose_envelope_reads_but_whose_fields_do_not_is_read_as_invalid_for_the_receiver() {
        Instant arrival = Instant.parse("2026-11-22T22:20:00Z");
        NodeMessage shortToken = codec.decodeNodeMessage(checkIn(root -> root.put("token", "k1:abc").put("name", "Jan")),
                arrival);
        Payload.Invalid invalid = (Payload.Invalid) shortToken.payload();
        assertEquals(Reason.BAD_FIELD, invalid.reason());
        assertTrue(invalid.problem().contains("'token'"), invalid.problem());
        assertTrue(invalid.fields().contains("\"type\":\"check_in\"") && invalid.fields().contains("k1:abc"), invalid.fields());
        assertTrue(!invalid.fields().contains("Jan") && !invalid.fields().contains("session"),
                "unknown fields and the envelope are not kept: " + invalid.fields());
        assertEquals(2, shortToken.envelope().seq());
        assertTrue(shortToken.envelope().at().isBefore(arrival), "a readable at is the node's");

        NodeMessage badTimeAndId = codec.decodeNodeMessage(checkIn(root -> root.put("at", "gisteren").put("id", "x")), arrival);
        assertEquals(arrival, badTimeAndId.envelope().at(), "an unreadable at becomes the arrival time");
        assertEquals(badTimeAndId.envelope().id(),
                codec.decodeNodeMessage(checkIn(root -> root.put("at", "gisteren").put("id", "x")), arrival).envelope().id(),
                "the same bytes resent get the same id: a duplicate, not a conflict");
        assertTrue(codec.decodeNodeMessage(checkIn(root -> root.put("type", "check_up")), arrival).payload()
                instanceof Payload.Invalid);
        assertTrue(((Payload.Invalid) codec.decodeNodeMessage(SchemaTest.edit(codec.encode(Samples.message(1,
                new Payload.Heartbeat())), root -> root.put("type", "birth")), arrival).payload()).birth());

        for (Consumer<ObjectNode> unreadable : List.<Consumer<ObjectNode>>of(root -> root.put("seq", 0),
                root -> root.remove("session"), root -> root.put("node", "A/1"), root -> root.put("v", 2))) {
            assertThrows(ProtocolException.class, () -> codec.decodeNodeMessage(checkIn(unreadable), arrival));
        }
        assertThrows(IllegalArgumentException.class, () -> codec.encode(shortToken));
    }

    @Test
    void a_node_may_not_report_a_held_bed() {
        assertBadField("status", message(new Payload.BedStatus("A2", PlaceStatus.FREE), root -> root.put("status", "held")));
        Payload.Birth birth = new Payload.Birth("0.1.0", 30, List.of(new Payload.BedState("A1", Kind.REGULAR, PlaceStatus.FREE)),
                List.of());
        assertBadField("status", message(birth, root -> ((ObjectNode) root.get("beds").get(0)).put("status", "held")));
    }

    @Test
    void an_older_turn_away_code_is_read_as_the_reason_it_stands_for() {
        for (Map.Entry<String, TurnAwayReason> older : TurnAwayReason.OLDER_CODES.entrySet()) {
            NodeMessage read = codec.decodeNodeMessage(message(new Payload.TurnAway(TurnAwayReason.OTHER, null),
                    root -> root.put("reason", older.getKey())));
            Payload.TurnAway away = (Payload.TurnAway) read.payload();
            assertEquals(older.getValue(), away.why(), older.getKey());
            assertEquals(older.getValue().wire(), away.reason(), "the hub stores and counts the vocabulary's code");
        }
    }

    @Test
    void a_turn_away_code_outside_the_vocabulary_is_refused_and_named() {
        assertBadField("reason", message(new Payload.TurnAway(TurnAwayReason.FULL, null), root -> root.put("reason", "geen_plek")));
        assertBadField("reason", message(new Payload.TurnAway(TurnAwayReason.FULL, null), root -> root.put("reason", "Full")));
    }

    @Test
    void every_turn_away_reason_has_a_dutch_label_and_a_lower_case_code() {
        Set<String> labels = new HashSet<>();
        for (TurnAwayReason reason : TurnAwayReason.values()) {
            assertTrue(reason.wire().matches("[a-z][a-z_]{1,31}"), reason.wire());
            assertFalse(reason.label().isBlank(), reason.wire());
            assertTrue(labels.add(reason.label()), "one label per reason: " + reason.label());
            assertEquals(reason, TurnAwayReason.fromWire("reason", reason.wire()));
        }
        assertTrue(Collections.disjoint(TurnAwayReason.OLDER_CODES.keySet(), TurnAwayReason.codes()));
    }

    @Test
    void an_unknown_kind_is_refused() {
        assertBadField("kind", checkIn(root -> root.put("kind", "suite")));
        assertBadField("kind", message(new Payload.Count(Kind.NOOD, 1), root -> root.put("kind", "NOOD")));
    }

    @Test
    void extra_unknown_fields_are_accepted() {
        byte[] json = checkIn(root -> root.put("battery", 87).put("firmware", "esp32-1.2").putObject("extra").put("a", 1));
        Payload.CheckIn in = (Payload.CheckIn) codec.decodeNodeMessage(json).payload();
        assertEquals("A2", in.bed());
    }

    /** A hub before the field sent no {@code accepted}: a request to answer; the field is written only when true. */
    @Test
    void a_hold_without_accepted_is_a_request_and_accepted_is_written_only_when_true() {
        String old = "{\"v\":1,\"id\":\"a4b5c6d7-e8f9-4a07-9b1c-d3e4f5061728\",\"type\":\"hold\","
                + "\"hold\":\"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d\",\"kind\":\"crisis\","
                + "\"expiresAt\":\"2026-11-23T03:00:00Z\",\"from\":\"CT\"}";
        Command.Hold request = (Command.Hold) codec.decodeCommand(old.getBytes(StandardCharsets.UTF_8)).body();
        assertFalse(request.accepted());
        assertFalse(new String(codec.encode(Command.of(request)), StandardCharsets.UTF_8).contains("accepted"));
        Command.Hold placed = new Command.Hold(request.hold(), Kind.CRISIS, "C1", request.expiresAt(), "VO", true);
        byte[] json = codec.encode(Command.of(placed));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"accepted\":true"));
        assertTrue(((Command.Hold) codec.decodeCommand(json).body()).accepted());
    }

    @Test
    void duplicate_keys_are_refused_as_bad_json() {
        String json = new String(checkIn(root -> { }), StandardCharsets.UTF_8).replace("\"bed\":\"A2\"", "\"bed\":\"A2\",\"bed\":\"A3\"");
        assertEquals(Reason.BAD_JSON, refusal(json.getBytes(StandardCharsets.UTF_8)).reason());
    }

    @Test
    void a_status_with_an_unknown_state_is_refused() {
        byte[] json = SchemaTest.edit(codec.encode(NodeStatus.online(Samples.SESSION, 1)), root -> root.put("state", "sleeping"));
        ProtocolException refused = assertThrows(ProtocolException.class, () -> codec.decodeNodeStatus(json));
        assertEquals(Reason.BAD_FIELD, refused.reason());
        assertTrue(refused.getMessage().contains("state"), refused.getMessage());
    }

    @Test
    void an_ack_rejecting_a_seq_beyond_its_own_is_refused() {
        byte[] json = "{\"v\":1,\"session\":\"b2e4c6d8\",\"seq\":3,\"rejected\":[{\"seq\":4,\"reason\":\"x\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.BAD_FIELD, assertThrows(ProtocolException.class, () -> codec.decodeAck(json)).reason());
    }

    private void assertReason(Reason reason, String json) {
        assertEquals(reason, refusal(json.getBytes(StandardCharsets.UTF_8)).reason(), json);
    }

    private void assertBadField(String field, byte[] json) {
        ProtocolException refused = refusal(json);
        assertEquals(Reason.BAD_FIELD, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains("'" + field + "'"), refused.getMessage());
    }

    private ProtocolException refusal(byte[] json) {
        return assertThrows(ProtocolException.class, () -> codec.decodeNodeMessage(json));
    }

    private static byte[] checkIn(Consumer<ObjectNode> change) {
        return message(new Payload.CheckIn("A2", Kind.REGULAR, Samples.TOKEN, "0307", Samples.HOLD), change);
    }

    private static byte[] message(Payload payload, Consumer<ObjectNode> change) {
        return SchemaTest.edit(new Codec().encode(Samples.message(2, payload)), change);
    }
}
