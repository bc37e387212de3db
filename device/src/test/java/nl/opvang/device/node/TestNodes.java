package nl.opvang.device.node;

import java.nio.file.Path;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Kind;

/** Node configs for tests: a small location with four regular beds, a crisis bed and four nood places. */
final class TestNodes {
    static final String SITE = "amg";
    static final String NODE = "amg-1";

    private TestNodes() {
    }

    static NodeConfig config(String brokerUrl, Path dataDir) {
        return NodeConfig.simulated(SITE, NODE, brokerUrl, dataDir,
                List.of(new NodeConfig.BedConfig("A1", Kind.REGULAR), new NodeConfig.BedConfig("A2", Kind.REGULAR),
                        new NodeConfig.BedConfig("A3", Kind.REGULAR), new NodeConfig.BedConfig("A4", Kind.REGULAR),
                        new NodeConfig.BedConfig("C1", Kind.CRISIS)),
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false)));
    }
}
