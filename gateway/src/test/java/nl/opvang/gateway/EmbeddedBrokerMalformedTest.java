package nl.opvang.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.harness.FreePort;
import nl.opvang.harness.MqttSetup;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 11.6: what outsiders can send the embedded broker (malformed packets as raw socket bytes, wrong logins, topics
 * outside the ACL) leaves no stack trace, is counted, and is logged in a few bounded lines; service goes on.
 */
class EmbeddedBrokerMalformedTest {
    /** One login, as outside the demo: user {@code node-a}, password {@code pw}, client id = user. */
    private static final BrokerAccess ONE_LOGIN = new BrokerAccess() {
        @Override
        public boolean login(String clientId, String user, byte[] password) {
            return "node-a".equals(user) && user.equals(clientId) && "pw".equals(new String(password, StandardCharsets.UTF_8));
        }

        @Override
        public boolean mayWrite(String user, String topic) {
            return topic.equals("opvang/v1/a/node-a/event");
        }

        @Override
        public boolean mayRead(String user, String topicFilter) {
            return topicFilter.equals("opvang/v1/a/node-a/event");
        }
    };

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private EmbeddedBroker broker;
    private int port;

    @BeforeEach
    void start() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        port = FreePort.pick();
        broker = EmbeddedBroker.start("127.0.0.1", port, null, ONE_LOGIN, metrics);
    }

    @AfterEach
    void stop() {
        broker.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(log);
    }

    /** Kinds of bad input seen from outside: each is a whole connection's bytes. */
    private static List<byte[]> packets(int count) {
        byte[] connect = {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x01, 'x'};
        List<byte[]> kinds = List.of(
                // CONNECT naming another protocol
                new byte[] {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'X', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x01, 'x'},
                // CONNECT with protocol level 9
                new byte[] {0x10, 0x0d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x09, 0x02, 0x00, 0x3c, 0x00, 0x01, 'x'},
                // a remaining length of five bytes
                new byte[] {0x10, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
                // PUBLISH before CONNECT
                new byte[] {0x30, 0x07, 0x00, 0x01, 'a', 'x', 'y', 'z', 'w'},
                // reserved packet types 0 and 15
                new byte[] {0x00, 0x00}, new byte[] {(byte) 0xf0, 0x00},
                // SUBSCRIBE with wrong fixed-header flags
                new byte[] {(byte) 0x80, 0x06, 0x00, 0x01, 0x00, 0x01, '#', 0x01},
                // a valid CONNECT, then garbage
                concat(connect, new byte[] {(byte) 0xf0, 0x00, 0x00}),
                // a PUBLISH announcing 200,000 bytes (above the broker's limit)
                new byte[] {0x30, (byte) 0xc0, (byte) 0x9a, 0x0c, 0x00, 0x01, 'a'});
        Random random = new Random(11);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % (kinds.size() + 1) == kinds.size()) {
                byte[] noise = new byte[8 + random.nextInt(56)];
                random.nextBytes(noise);
                packets.add(noise);
            } else {
                packets.add(kinds.get(i % (kinds.size() + 1)));
            }
        }
        return packets;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Sends one connection's bytes and waits briefly for the broker to close it (or not). */
    private void send(byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(300);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // drain whatever the broker answers (a CONNACK) until it closes
                }
            } catch (SocketTimeoutException | java.net.SocketException stillOpenOrReset) {
                // the broker may keep an incomplete packet waiting; we close it ourselves
            }
        }
    }

    @Test
    void two_hundred_malformed_packets_leave_no_stack_trace_and_the_broker_serves_on() throws Exception {
        for (byte[] packet : packets(200)) {
            send(packet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.counter("opvang_mqtt_malformed_packets").count() >= 100);

        List<ILoggingEvent> events = List.copyOf(log.list);
        List<String> traces = events.stream().filter(event -> event.getThrowableProxy() != null)
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
        assertEquals(List.of(), traces, "stack traces in the log");
        assertTrue(events.size() <= 5, "more than a few lines for 200 packets: " + events.size() + " "
                + events.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertTrue(events.stream().anyMatch(event -> event.getFormattedMessage().startsWith(
                "MQTT: refused ") && event.getFormattedMessage().length() < 300), "one short line names what happened");

        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "node-a", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("node-a");
        options.setPassword("pw".toCharArray());
        options.setConnectionTimeout(5);
        List<String> received = new CopyOnWriteArrayList<>();
        MqttSetup.connect(client, options, () -> client.subscribe("opvang/v1/a/node-a/event", 1,
                (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8))));
        client.publish("opvang/v1/a/node-a/event", "still serving".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("still serving"));
        client.disconnect();
        client.close();
    }

    @Test
    void refused_logins_and_acl_denials_are_counted_in_a_few_lines() throws Exception {
        for (int i = 0; i < 30; i++) {
            MqttClient wrong = new MqttClient("tcp://127.0.0.1:" + port, i % 2 == 0 ? "node-a" : "someone-" + i, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("node-a");
            options.setPassword((i % 2 == 0 ? "wrong" : "pw").toCharArray());
            options.setConnectionTimeout(5);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // Paho's default would retry as 3.1
            assertThrows(MqttSecurityException.class, () -> wrong.connect(options));
            wrong.close(true);
        }
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "node-a", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("node-a");
        options.setPassword("pw".toCharArray());
        client.connect(options);
        for (int i = 0; i < 50; i++) {
            client.publish("opvang/v1/b/node-b/event", new byte[] {'x'}, 0, false);
        }
        for (int i = 0; i < 20; i++) {
            try {
                client.subscribe("opvang/v1/b/node-b/ack", 1);
            } catch (MqttException refused) {
                // Paho reports the SUBACK failure code as an exception
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.counter("opvang_mqtt_denied").count() >= 70);
        client.disconnect();
        client.close();

        assertEquals(30.0, metrics.counter("opvang_mqtt_refused_logins").count());
        assertEquals(70.0, metrics.counter("opvang_mqtt_denied").count());
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.size() <= 4, lines.size() + " lines: " + lines);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("MQTT: refused 1 login(s); the last: user node-a")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("MQTT: denied 1 publish(es)")), lines.toString());
    }
}
