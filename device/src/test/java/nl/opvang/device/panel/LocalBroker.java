package nl.opvang.device.panel;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import nl.opvang.gateway.MoquetteStop;
import nl.opvang.harness.FreePort;

/** Embedded Moquette 0.17 on a free loopback port (docs/DESIGN.md §1: no telemetry, no persistence, big messages). */
final class LocalBroker implements AutoCloseable {
    private final Server server = new Server();
    private final int port = FreePort.pick();
    private boolean running;

    LocalBroker() {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", String.valueOf(128 * 1024));
        try {
            server.startServer(new MemoryConfig(properties));
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            MoquetteStop.stop(server);
        }
    }
}
