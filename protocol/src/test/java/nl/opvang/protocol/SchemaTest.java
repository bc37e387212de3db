package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ContractSchemas schemas = new ContractSchemas();
    private final Codec codec = new Codec();

    @Test
    void every_node_message_the_codec_encodes_validates() {
        for (NodeMessage message : Samples.nodeMessages()) {
            byte[] json = codec.encode(message);
            assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_MESSAGE, json), utf8(json));
        }
    }

    @Test
    void every_command_the_codec_encodes_validates() {
        for (Command command : Samples.commands()) {
            byte[] json = codec.encode(command);
            assertEquals(List.of(), schemas.errors(ContractSchemas.COMMAND, json), utf8(json));
        }
    }

    @Test
    void acks_and_statuses_the_codec_encodes_validate() {
        for (Ack ack : Samples.acks()) {
            assertEquals(List.of(), schemas.errors(ContractSchemas.ACK, codec.encode(ack)));
        }
        for (NodeStatus status : Samples.nodeStatuses()) {
            assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_STATUS, codec.encode(status)));
        }
        for (HubStatus status : Samples.hubStatuses()) {
            assertEquals(List.of(), schemas.errors(ContractSchemas.HUB_STATUS, codec.encode(status)));
        }
    }

    @Test
    void an_ack_without_rejections_validates_and_decodes() {
        byte[] json = bytes("{\"v\":1,\"session\":\"b2e4c6d8\",\"seq\":9}");
        assertEquals(List.of(), schemas.errors(ContractSchemas.ACK, json));
        assertEquals(Ack.of("b2e4c6d8", 9, List.of()), codec.decodeAck(json));
    }

    @Test
    void the_design_examples_validate_and_decode() {
        String session = "\"session\":\"b2e4c6d8-1a3b-4c5d-8e7f-9a0b1c2d3e4f\"";
        List<String> messages = List.of(
                "{\"v\":1,\"id\":\"6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c\",\"site\":\"amg\",\"node\":\"amg-1\"," + session
                        + ",\"seq\":1,\"at\":\"2026-11-22T22:14:03Z\",\"type\":\"birth\",\"software\":\"0.1.0\",\"heartbeatSeconds\":30,"
                        + "\"beds\":[{\"bed\":\"A1\",\"kind\":\"regular\",\"status\":\"occupied\"},"
                        + "{\"bed\":\"A2\",\"kind\":\"regular\",\"status\":\"free\"}],"
                        + "\"counts\":[{\"kind\":\"nood\",\"capacity\":4,\"open\":true,\"occupied\":1}]}",
                "{\"v\":1,\"id\":\"0a9d3c1e-5b7f-4a2c-9d8e-1f2a3b4c5d6e\",\"site\":\"amg\",\"node\":\"amg-1\"," + session
                        + ",\"seq\":2,\"at\":\"2026-11-22T22:15:40Z\",\"type\":\"check_in\",\"bed\":\"A2\",\"kind\":\"regular\","
                        + "\"token\":\"k1:3q2+7Wm9xYzA0b1C2d3E4f5G6h7I8j9K0lM=\",\"origin\":\"0307\"}",
                "{\"v\":1,\"id\":\"9b31d2e4-6a7b-4c8d-9e0f-1a2b3c4d5e6f\",\"site\":\"amg\",\"node\":\"amg-1\"," + session
                        + ",\"seq\":3,\"at\":\"2026-11-22T22:16:05Z\",\"type\":\"count\",\"kind\":\"nood\",\"occupied\":2}");
        for (String message : messages) {
            assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_MESSAGE, bytes(message)), message);
            codec.decodeNodeMessage(bytes(message));
        }
        assertEquals(Payload.Birth.class, codec.decodeNodeMessage(bytes(messages.get(0))).payload().getClass());

        String ack = "{\"v\":1," + session + ",\"seq\":3,\"rejected\":[{\"seq\":2,\"reason\":\"bed A2 is not this node's\"}]}";
        assertEquals(List.of(), schemas.errors(ContractSchemas.ACK, bytes(ack)));
        assertEquals(1, codec.decodeAck(bytes(ack)).rejected().size());

        String status = "{\"v\":1,\"state\":\"online\"," + session + ",\"connection\":7}";
        assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_STATUS, bytes(status)));
        assertEquals(7, codec.decodeNodeStatus(bytes(status)).connection());

        String hub = "{\"v\":1,\"state\":\"online\",\"started\":\"2026-11-22T18:00:00Z\"}";
        assertEquals(List.of(), schemas.errors(ContractSchemas.HUB_STATUS, bytes(hub)));
        assertEquals(true, codec.decodeHubStatus(bytes(hub)).online());
    }

    @Test
    void optional_fields_sent_as_null_are_accepted_by_both() {
        byte[] json = checkIn(root -> root.putNull("origin").putNull("hold").putNull("kind"));
        assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_MESSAGE, json));
        assertEquals(null, ((Payload.CheckIn) codec.decodeNodeMessage(json).payload()).origin());
    }

    @Test
    void unknown_extra_fields_are_accepted_by_both() {
        byte[] json = checkIn(root -> root.put("battery", 87).putObject("esp32").put("rssi", -61));
        assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_MESSAGE, json));
        codec.decodeNodeMessage(json);
    }

    static Stream<Arguments> bad_node_messages() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : List.of("v", "id", "site", "node", "session", "seq", "at", "type", "token")) {
            cases.add(Arguments.of("missing " + field, checkIn(root -> root.remove(field))));
        }
        cases.add(Arguments.of("v 2", checkIn(root -> root.put("v", 2))));
        cases.add(Arguments.of("v as a string", checkIn(root -> root.put("v", "1"))));
        cases.add(Arguments.of("unknown type", checkIn(root -> root.put("type", "check_up"))));
        cases.add(Arguments.of("upper-case site", checkIn(root -> root.put("site", "AMG"))));
        cases.add(Arguments.of("node with a slash", checkIn(root -> root.put("node", "amg/1"))));
        cases.add(Arguments.of("site too long", checkIn(root -> root.put("site", "a".repeat(33)))));
        cases.add(Arguments.of("short session", checkIn(root -> root.put("session", "b2e4"))));
        cases.add(Arguments.of("seq 0", checkIn(root -> root.put("seq", 0))));
        cases.add(Arguments.of("negative seq", checkIn(root -> root.put("seq", -5))));
        cases.add(Arguments.of("seq as a string", checkIn(root -> root.put("seq", "3"))));
        cases.add(Arguments.of("seq as a fraction", checkIn(root -> root.put("seq", 2.5))));
        cases.add(Arguments.of("id not a UUID", checkIn(root -> root.put("id", "6f1c"))));
        cases.add(Arguments.of("at with a lower-case offset letter", checkIn(root -> root.put("at", "2026-11-22T23:15:40+0100"))));
        cases.add(Arguments.of("at without seconds", checkIn(root -> root.put("at", "2026-11-22T22:15Z"))));
        cases.add(Arguments.of("at as epoch", checkIn(root -> root.put("at", 1_795_389_340L))));
        cases.add(Arguments.of("token null", checkIn(root -> root.putNull("token"))));
        cases.add(Arguments.of("token without key id", checkIn(root -> root.put("token", "3q2+7Wm9xYzA0b1C2d3E4f5G"))));
        cases.add(Arguments.of("check_in without bed or kind", checkIn(root -> root.without(List.of("bed", "kind")))));
        cases.add(Arguments.of("origin a town name", checkIn(root -> root.put("origin", "utrecht"))));
        cases.add(Arguments.of("hold not a UUID", checkIn(root -> root.put("hold", "hold-1"))));
        cases.add(Arguments.of("unknown kind", checkIn(root -> root.put("kind", "suite"))));
        cases.add(Arguments.of("bed with a space", checkIn(root -> root.put("bed", "A 2"))));
        cases.add(Arguments.of("held bed status from a node", message(new Payload.BedStatus("A2", PlaceStatus.FREE),
                root -> root.put("status", "held"))));
        cases.add(Arguments.of("unknown bed status", message(new Payload.BedStatus("A2", PlaceStatus.FREE),
                root -> root.put("status", "dirty"))));
        cases.add(Arguments.of("negative count", message(new Payload.Count(Kind.NOOD, 1), root -> root.put("occupied", -1))));
        cases.add(Arguments.of("count too large", message(new Payload.Count(Kind.NOOD, 1), root -> root.put("occupied", 10_001))));
        cases.add(Arguments.of("capacity without open", message(new Payload.Capacity(Kind.NOOD, 4, true, null),
                root -> root.remove("open"))));
        cases.add(Arguments.of("capacity open as a string", message(new Payload.Capacity(Kind.NOOD, 4, true, null),
                root -> root.put("open", "true"))));
        cases.add(Arguments.of("turn_away reason as free text", message(new Payload.TurnAway("full", null),
                root -> root.put("reason", "Vol, sorry!"))));
        cases.add(Arguments.of("turn_away reason outside the vocabulary", message(new Payload.TurnAway("full", null),
                root -> root.put("reason", "geen_plek"))));
        cases.add(Arguments.of("instructions with a control character", message(new Payload.HoldAccepted(Samples.HOLD, null, "x"),
                root -> root.put("instructions", "bel\u0007aan"))));
        cases.add(Arguments.of("instructions too long", message(new Payload.HoldAccepted(Samples.HOLD, null, "x"),
                root -> root.put("instructions", "x".repeat(1001)))));
        cases.add(Arguments.of("hold_refused without reason", message(new Payload.HoldRefused(Samples.HOLD, "x"),
                root -> root.remove("reason"))));
        Payload.Birth birth = new Payload.Birth("0.1.0", 30, List.of(new Payload.BedState("A1", Kind.REGULAR, PlaceStatus.FREE)),
                List.of(new Payload.CountState(Kind.NOOD, 4, true, 1)));
        cases.add(Arguments.of("birth without beds", message(birth, root -> root.remove("beds"))));
        cases.add(Arguments.of("birth with heartbeat 0", message(birth, root -> root.put("heartbeatSeconds", 0))));
        cases.add(Arguments.of("birth with a held bed", message(birth,
                root -> ((ObjectNode) root.get("beds").get(0)).put("status", "held"))));
        cases.add(Arguments.of("birth with counts null", message(birth, root -> root.putNull("counts"))));
        cases.add(Arguments.of("birth with a count lacking capacity", message(birth,
                root -> ((ObjectNode) root.get("counts").get(0)).remove("capacity"))));
        cases.add(Arguments.of("birth with beds not objects", message(birth, root -> root.putArray("beds").add("A1"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_node_messages")
    void a_bad_node_message_is_rejected_by_both_the_codec_and_the_schema(String problem, byte[] json) {
        assertFalse(schemas.errors(ContractSchemas.NODE_MESSAGE, json).isEmpty(), "schema accepted " + problem + ": " + utf8(json));
        assertThrows(ProtocolException.class, () -> codec.decodeNodeMessage(json), "codec accepted " + problem);
    }

    static Stream<Arguments> bad_other_messages() {
        Codec codec = new Codec();
        Function<byte[], Object> command = codec::decodeCommand;
        Function<byte[], Object> ack = codec::decodeAck;
        Function<byte[], Object> nodeStatus = codec::decodeNodeStatus;
        Function<byte[], Object> hubStatus = codec::decodeHubStatus;
        byte[] resend = codec.encode(Command.of(new Command.Resend(Samples.SESSION, 4)));
        byte[] hold = codec.encode(Command.of(new Command.Hold(Samples.HOLD, Kind.CRISIS, null, Samples.AT, "CT")));
        byte[] someAck = codec.encode(Samples.acks().get(1));
        byte[] online = codec.encode(NodeStatus.online(Samples.SESSION, 1));
        byte[] hubOnline = codec.encode(HubStatus.online(Samples.AT));
        return Stream.of(
                Arguments.of("command without id", ContractSchemas.COMMAND, command, edit(resend, root -> root.remove("id"))),
                Arguments.of("unknown command", ContractSchemas.COMMAND, command, edit(resend, root -> root.put("type", "reboot"))),
                Arguments.of("command v 2", ContractSchemas.COMMAND, command, edit(resend, root -> root.put("v", 2))),
                Arguments.of("resend from 0", ContractSchemas.COMMAND, command, edit(resend, root -> root.put("fromSeq", 0))),
                Arguments.of("hold without expiry", ContractSchemas.COMMAND, command, edit(hold, root -> root.remove("expiresAt"))),
                Arguments.of("hold of an unknown kind", ContractSchemas.COMMAND, command, edit(hold, root -> root.put("kind", "any"))),
                Arguments.of("hold accepted as text", ContractSchemas.COMMAND, command,
                        edit(hold, root -> root.put("accepted", "yes"))),
                Arguments.of("config heartbeat 0", ContractSchemas.COMMAND, command,
                        edit(codec.encode(Command.of(new Command.Config(30))), root -> root.put("heartbeatSeconds", 0))),
                Arguments.of("message without text", ContractSchemas.COMMAND, command,
                        edit(codec.encode(Command.of(new Command.Message("hoi"))), root -> root.remove("text"))),
                Arguments.of("ack seq 0", ContractSchemas.ACK, ack, edit(someAck, root -> root.put("seq", 0))),
                Arguments.of("ack without session", ContractSchemas.ACK, ack, edit(someAck, root -> root.remove("session"))),
                Arguments.of("rejection without reason", ContractSchemas.ACK, ack,
                        edit(someAck, root -> ((ObjectNode) root.get("rejected").get(0)).remove("reason"))),
                Arguments.of("node status away", ContractSchemas.NODE_STATUS, nodeStatus, edit(online, root -> root.put("state", "away"))),
                Arguments.of("negative connection", ContractSchemas.NODE_STATUS, nodeStatus,
                        edit(online, root -> root.put("connection", -1))),
                Arguments.of("hub started not a time", ContractSchemas.HUB_STATUS, hubStatus,
                        edit(hubOnline, root -> root.put("started", "yesterday"))),
                Arguments.of("hub status v missing", ContractSchemas.HUB_STATUS, hubStatus, edit(hubOnline, root -> root.remove("v"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_other_messages")
    void a_bad_command_ack_or_status_is_rejected_by_both(String problem, String schema, Function<byte[], Object> decode, byte[] json) {
        assertFalse(schemas.errors(schema, json).isEmpty(), "schema accepted " + problem + ": " + utf8(json));
        assertThrows(ProtocolException.class, () -> decode.apply(json), "codec accepted " + problem);
    }

    private static byte[] checkIn(Consumer<ObjectNode> change) {
        return message(new Payload.CheckIn("A2", Kind.REGULAR, Samples.TOKEN, "0307", Samples.HOLD), change);
    }

    private static byte[] message(Payload payload, Consumer<ObjectNode> change) {
        return edit(new Codec().encode(Samples.message(2, payload)), change);
    }

    static byte[] edit(byte[] json, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(json);
            change.accept(root);
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
