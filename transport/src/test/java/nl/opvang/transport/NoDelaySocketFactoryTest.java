package nl.opvang.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    private final NoDelaySocketFactory factory = new NoDelaySocketFactory();

    @Test
    void every_socket_it_makes_sends_small_messages_at_once() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
            int port = server.getLocalPort();
            Socket unconnected = factory.createSocket();
            unconnected.connect(new InetSocketAddress(loopback, port));
            List<Socket> sockets = List.of(unconnected,
                    factory.createSocket(loopback.getHostAddress(), port),
                    factory.createSocket(loopback.getHostAddress(), port, loopback, 0),
                    factory.createSocket(loopback, port),
                    factory.createSocket(loopback, port, loopback, 0));
            try {
                for (Socket socket : sockets) {
                    assertTrue(socket.isConnected() && socket.getTcpNoDelay(), socket.toString());
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
