package nl.opvang.hub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choices at start: a fixed port that must be free, or "the default when free, otherwise any" (the demo). */
final class Ports {
    private Ports() {
    }

    static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int any(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ConfigException("cannot find a free port on " + host + ": " + e.getMessage());
        }
    }

    /**
     * The port to use: {@code requested} when given (0 = any free one); otherwise {@code fallback}, which in the demo
     * gives way to a free port when taken.
     */
    static int choose(String host, Integer requested, int fallback, boolean demo, String what, String flag) {
        return choose(host, requested, fallback, demo, what, flag, false);
    }

    /**
     * As {@link #choose}, for a listener that binds port 0 itself and reports the port it got: a requested 0 stays 0.
     * A free port picked here and bound later could be taken in between, for instance by the gateway's own connection
     * to the broker, which the kernel gives a port from the same range.
     */
    static int chooseForListener(String host, Integer requested, int fallback, boolean demo, String what, String flag) {
        return choose(host, requested, fallback, demo, what, flag, true);
    }

    private static int choose(String host, Integer requested, int fallback, boolean demo, String what, String flag,
                              boolean bindsAny) {
        if (requested != null && requested == 0 && bindsAny) {
            return 0;
        }
        if (requested != null) {
            int port = requested == 0 ? any(host) : requested;
            if (!free(host, port)) {
                throw new ConfigException(what + " port " + port + " is in use; stop what uses it or choose another with "
                        + flag + " (0 picks a free one)");
            }
            return port;
        }
        if (free(host, fallback)) {
            return fallback;
        }
        if (demo) {
            int port = any(host);
            System.out.println("opvang-hub: " + what + " port " + fallback + " is in use, using " + port + " instead");
            return port;
        }
        throw new ConfigException(what + " port " + fallback + " is in use; stop what uses it or choose another with "
                + flag + " (0 picks a free one)");
    }
}
