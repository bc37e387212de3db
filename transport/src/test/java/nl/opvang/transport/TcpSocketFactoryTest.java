package nl.opvang.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpSocketFactoryTest {
    private final TcpSocketFactory factory = new TcpSocketFactory();

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
                    // Paho takes the stream once and reads its headers byte by byte: from a buffer, not a system call each.
                    InputStream in = socket.getInputStream();
                    assertTrue(in instanceof BufferedInputStream, in.toString());
                    assertSame(in, socket.getInputStream());
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void what_arrives_is_read_whole_byte_by_byte_and_in_blocks_across_packets() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, loopback);
             Socket client = factory.createSocket(loopback, server.getLocalPort());
             Socket peer = server.accept()) {
            byte[] sent = new byte[3 * TcpSocketFactory.READ_BUFFER / 2]; // more than one buffer's worth
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31);
            }
            OutputStream out = peer.getOutputStream();
            out.write(sent);
            out.flush();
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] received = new byte[sent.length];
            for (int i = 0; i < 5; i++) {
                received[i] = in.readByte(); // as Paho reads a fixed header
            }
            in.readFully(received, 5, received.length - 5); // and then the rest of a packet
            assertArrayEquals(sent, received);
            peer.close();
            assertEquals(-1, in.read(), "the peer's close reads as the end of the stream");
        }
    }
}
