package nl.opvang.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets for both ends of the contract's MQTT connections, for {@code tcp://} brokers (TLS needs an SSL socket
 * factory), made for Paho 1.2.5:
 * <ul>
 *   <li>with TCP_NODELAY: Paho never sets it, and Nagle plus delayed ACK hold a small event or ack back by 40 ms
 *       (measured in docs/PERFORMANCE.md), which matters for the kiosk-to-screen latency target;</li>
 *   <li>with buffered reads: Paho reads a packet's fixed header byte by byte from the socket's own stream, a system
 *       call per byte; behind a buffer one call reads as many packets as have arrived.</li>
 * </ul>
 */
public final class TcpSocketFactory extends SocketFactory {
    /** Larger than the contract's largest message (64 KiB), so that one read can take a whole one. */
    static final int READ_BUFFER = 128 * 1024;

    @Override
    public Socket createSocket() throws IOException {
        return new TcpSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new TcpSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A plain socket with TCP_NODELAY whose input stream is buffered (one buffer for the socket's life). */
    private static final class TcpSocket extends Socket {
        private InputStream in;

        TcpSocket() throws IOException {
            setTcpNoDelay(true);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
            }
            return in;
        }
    }
}
