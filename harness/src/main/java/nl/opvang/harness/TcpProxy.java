package nl.opvang.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback TCP proxy that a test or the bench can cut and restore, to take a node off the network without stopping
 * anything (the idea of Paho's ConnectionManipulationProxyServer). While cut, it refuses new connections and drops open
 * ones.
 * {@link #halfOpen()} instead makes the open connections silent without closing them (no FIN, no RST), as a NAT box
 * or a dead Wi-Fi link does: both ends believe they are connected until a keep-alive notices. {@link #dropDownstream()}
 * loses only what the target sends back (broker to client), so the client's requests arrive but no answer does.
 * {@link #degrade(int)} holds every chunk back a random time in both directions, as a slow, jittery link does (the
 * byte stream stays in order, as TCP keeps it; loss on such a link shows as delay and as dropped connections).
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Set<Socket> silent = ConcurrentHashMap.newKeySet();
    private final Map<Socket, Socket> upstreamToClient = new ConcurrentHashMap<>();
    private final Set<Socket> damaged = ConcurrentHashMap.newKeySet();
    private volatile boolean droppingDownstream;
    private volatile int maxDelayMillis;
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

    /** From now on every chunk waits a random 0 to {@code maxDelayMillis} ms before it is forwarded; 0 ends it. */
    public void degrade(int maxDelayMillis) {
        this.maxDelayMillis = maxDelayMillis;
    }

    /**
     * Undoes {@link #cut()}, {@link #halfOpen()} and {@link #dropDownstream()} for new connections. A connection that
     * lost bytes while downstream was dropped is closed now (both ends): a TCP stream with a hole in it cannot carry on,
     * as a real link that loses one direction for long ends with a keep-alive or retransmission time-out.
     */
    public void restore() {
        droppingDownstream = false;
        maxDelayMillis = 0;
        for (Socket upstream : damaged) {
            closeQuietly(upstream);
            Socket client = upstreamToClient.get(upstream);
            if (client != null) {
                closeQuietly(client);
            }
        }
        damaged.clear();
        connected = true;
    }

    /**
     * Hub to node lost (R10): from now until {@link #restore()}, whatever the target sends on any connection, open or
     * new, is read and thrown away (CONNACK, PUBACK, PINGRESP, the hub's acks). The client to target direction keeps
     * working and nothing is closed, so the client believes it is connected until its keep-alive says otherwise.
     */
    public void dropDownstream() {
        droppingDownstream = true;
    }

    /**
     * The client's side drops, the target's does not (R17): every open connection is closed towards the client, which
     * notices at once and may reconnect, while towards the target it stays open and silent (no FIN, no RST), so the
     * target (a broker) still holds the old connection until its keep-alive or a takeover by the same client id. New
     * connections are accepted as usual. Returns how many connections were abandoned.
     */
    public int abandon() {
        int count = 0;
        for (Map.Entry<Socket, Socket> pair : upstreamToClient.entrySet()) {
            silent.add(pair.getKey());
            if (silent.add(pair.getValue())) {
                count++;
            }
            closeQuietly(pair.getValue());
        }
        return count;
    }

    /** Connections whose target side is still open (abandoned and half-open ones included). */
    public int openConnections() {
        return upstreamToClient.size();
    }

    /** How many open connections lost bytes to {@link #dropDownstream()}: a test can see that the fault bit. */
    public int damagedConnections() {
        return damaged.size();
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
                upstreamToClient.put(upstream, client);
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
                    if (droppingDownstream && upstreamToClient.containsKey(from)) {
                        damaged.add(from);
                        continue; // Only the answers are lost.
                    }
                    int delay = maxDelayMillis;
                    if (delay > 0) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(delay + 1));
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException ignored) {
                // The link was cut or closed.
            } catch (IOException ignored) {
                // Same: a proxy only forwards.
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                if (!silent.contains(from)) {
                    // A dead link carries no FIN either: the far end of a silenced connection finds out by itself.
                    closeQuietly(to);
                }
                open.remove(from);
                silent.remove(from);
                upstreamToClient.remove(from);
                damaged.remove(from);
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
