package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style: many random valid messages, each seed fixed so a failure can be replayed. */
class RandomRoundTripTest {
    private static final int PER_SEED = 300;

    private final Codec codec = new Codec();
    private final ContractSchemas schemas = new ContractSchemas();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20_261_122})
    void random_node_messages_round_trip_and_validate(long seed) {
        RandomMessages random = new RandomMessages(seed);
        for (int i = 0; i < PER_SEED; i++) {
            NodeMessage message = random.nodeMessage();
            byte[] json = codec.encode(message);
            assertEquals(message, codec.decodeNodeMessage(json), () -> utf8(json));
            assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_MESSAGE, json), () -> utf8(json));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20_261_122})
    void random_commands_acks_and_statuses_round_trip_and_validate(long seed) {
        RandomMessages random = new RandomMessages(seed);
        for (int i = 0; i < PER_SEED; i++) {
            Command command = random.command();
            byte[] commandJson = codec.encode(command);
            assertEquals(command, codec.decodeCommand(commandJson));
            assertEquals(List.of(), schemas.errors(ContractSchemas.COMMAND, commandJson), () -> utf8(commandJson));

            Ack ack = random.ack();
            byte[] ackJson = codec.encode(ack);
            assertEquals(ack, codec.decodeAck(ackJson));
            assertEquals(List.of(), schemas.errors(ContractSchemas.ACK, ackJson), () -> utf8(ackJson));

            NodeStatus nodeStatus = random.nodeStatus();
            byte[] nodeStatusJson = codec.encode(nodeStatus);
            assertEquals(nodeStatus, codec.decodeNodeStatus(nodeStatusJson));
            assertEquals(List.of(), schemas.errors(ContractSchemas.NODE_STATUS, nodeStatusJson), () -> utf8(nodeStatusJson));

            HubStatus hubStatus = random.hubStatus();
            byte[] hubStatusJson = codec.encode(hubStatus);
            assertEquals(hubStatus, codec.decodeHubStatus(hubStatusJson));
            assertEquals(List.of(), schemas.errors(ContractSchemas.HUB_STATUS, hubStatusJson), () -> utf8(hubStatusJson));
        }
    }

    private static String utf8(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
