package nl.opvang.hub.placement;

import nl.opvang.protocol.Command;

/** Sends a command to one node; the hub's MQTT gateway in production. Returns false when the broker is not reachable. */
@FunctionalInterface
public interface CommandSender {
    boolean send(String site, String node, Command command);
}
