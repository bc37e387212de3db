package nl.opvang.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 {@code text/event-stream} read on the calling thread from a plain socket: one GET, then the body's
 * lines, chunked transfer decoded. The bench's subscribers read frames with it so that the time they report is the
 * server's and the network's, not a client library's: {@code java.net.http} hands each read from its selector thread to
 * an executor and then to the reading thread (85 µs at p50 from the server's write to the line, against 18 µs here).
 */
final class SseStream implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final boolean chunked;
    private int chunkLeft;

    /** Opens {@code path} on 127.0.0.1:{@code port}; fails unless the answer is 200. */
    SseStream(int port, String path, String authorization) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        OutputStream out = socket.getOutputStream();
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new BufferedInputStream(socket.getInputStream());
        String status = rawLine();
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            close();
            throw new IOException("the stream answered " + status);
        }
        boolean isChunked = false;
        for (String header = rawLine(); header != null && !header.isEmpty(); header = rawLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            isChunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        chunked = isChunked;
    }

    /** The next line of the body without its line end, or null at the end of the stream. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            int b = body();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
    }

    private int body() throws IOException {
        if (!chunked) {
            return in.read();
        }
        if (chunkLeft == 0) {
            String size = rawLine();
            while (size != null && size.isEmpty()) {
                size = rawLine(); // the CRLF that ends the previous chunk
            }
            if (size == null) {
                return -1;
            }
            int semicolon = size.indexOf(';');
            chunkLeft = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (chunkLeft == 0) {
                return -1; // the last chunk
            }
        }
        int b = in.read();
        if (b >= 0) {
            chunkLeft--;
        }
        return b;
    }

    private String rawLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
