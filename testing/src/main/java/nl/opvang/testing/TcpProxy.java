package nl.opvang.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that a test can cut and restore, to take a node off the network without stopping anything
 * (the idea of Paho's ConnectionManipulationProxyServer). While cut, it refuses new connections and drops open ones.
 * {@link #halfOpen()} instead makes the open connections silent without closing them (no FIN, no RST), as a NAT box
 * or a dead Wi-Fi link does: both ends believe they are connected until a keep-alive notices.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Set<Socket> silent = ConcurrentHashMap.newKeySet();
    private volatile boolean connected = true;
    private volatile boolean closed;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        connected = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void restore() {
        connected = true;
    }

    /**
     * Half-open TCP (R04): the link dies silently. Every connection open now stops forwarding in both directions and
     * what either end sends is dropped, but no socket is closed (no FIN, no RST); new connections are refused until
     * {@link #restore()}. Returns how many connections were silenced.
     */
    public int halfOpen() {
        connected = false;
        int count = 0;
        for (Socket socket : open) {
            if (silent.add(socket)) {
                count++;
            }
        }
        return count / 2;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!connected) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                // Not try-with-resources: closing a socket's stream closes the socket, and which end closes is decided below.
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (silent.contains(from)) {
                        continue; // Dropped on the floor, as by a dead link: nobody is told.
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException ignored) {
                // The link was cut or closed.
            } catch (IOException ignored) {
                // Same: a proxy only forwards.
            } finally {
                closeQuietly(from);
                if (!silent.contains(from)) {
                    // A dead link carries no FIN either: the far end of a silenced connection finds out by itself.
                    closeQuietly(to);
                }
                open.remove(from);
                silent.remove(from);
            }
        }, "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do.
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
