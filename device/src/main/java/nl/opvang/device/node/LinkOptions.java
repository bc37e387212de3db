package nl.opvang.device.node;

import nl.opvang.device.config.BrokerTrust;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.NodeStatus;
import nl.opvang.protocol.Topics;
import nl.opvang.transport.TcpSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Every Paho option of a node's connection, set explicitly in one place (docs/DESIGN.md §1): Paho's defaults are not
 * ours.
 */
final class LinkOptions {
    private LinkOptions() {
    }

    /**
     * The broker user name when the node has one: a production broker ties the client id to the login
     * ({@code use_username_as_clientid}, and the hub's embedded broker refuses any other id), so asking for it keeps the
     * id in the broker's log the same as the one the node asked for. Without a login (a demo broker) the site and node.
     */
    static String clientId(NodeConfig config) {
        return config.username() != null ? config.username() : "node-" + config.site() + "-" + config.node();
    }

    static MqttConnectOptions forConnection(NodeConfig config, LinkSettings settings, Codec codec, String session, long connection) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // Clean session: the broker keeps nothing for us; the SQLite outbox is the one record of what is still to send.
        options.setCleanSession(true);
        // Our own reconnect loop with a 10 s cap; Paho's would back off to 128 s and reconnect behind our back.
        options.setAutomaticReconnect(false);
        options.setMaxReconnectDelay((int) settings.maxReconnectDelay().toMillis());
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        options.setMaxInflight(settings.pahoMaxInflight());
        options.setExecutorServiceTimeout(1);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        if (config.brokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new TcpSocketFactory());
        } else if (config.brokerUrl().startsWith("ssl://") && config.brokerCa() != null) {
            options.setSocketFactory(BrokerTrust.socketFactory(config.brokerCa()));
        }
        // The last will names this connection, so the hub can ignore a late will of an older one (docs/DESIGN.md §3).
        options.setWill(Topics.node(config.site(), config.node(), Channel.STATUS),
                codec.encode(NodeStatus.offline(session, connection)), Channel.STATUS.qos(), Channel.STATUS.retained());
        return options;
    }
}
