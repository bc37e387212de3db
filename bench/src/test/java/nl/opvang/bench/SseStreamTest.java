package nl.opvang.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseStreamTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void reads_lines_across_chunk_boundaries_and_ends_at_the_last_chunk() throws Exception {
        int port = serve(200, "event: location\n", "data: {\"code\":", "\"x\"}\n\n", "data: 2\r\n\r\n");
        try (SseStream stream = new SseStream(port, "/stream", "Bearer t")) {
            assertEquals("event: location", stream.line());
            assertEquals("data: {\"code\":\"x\"}", stream.line(), "a line split over two chunks is one line");
            assertEquals("", stream.line());
            assertEquals("data: 2", stream.line());
            assertEquals("", stream.line());
            assertNull(stream.line(), "the zero-length chunk ends the stream");
        }
    }

    @Test
    void refuses_an_answer_other_than_200() throws Exception {
        int port = serve(401);
        IOException refused = assertThrows(IOException.class, () -> new SseStream(port, "/stream", null));
        assertEquals("the stream answered HTTP/1.1 401 Unauthorized", refused.getMessage());
    }

    /** A server that answers {@code status} and, for 200, writes each part as its own chunk. */
    private int serve(int status, String... parts) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(status, status == 200 ? 0 : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String part : parts) {
                    out.write(part.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.start();
        return server.getAddress().getPort();
    }
}
