package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request header deadline against real sockets (issue 11, "Also"): clients that send their header a byte at a time
 * are cut off after the deadline, while a normal request, a slowly sent body and an SSE stream are not.
 */
class SlowHeadersTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final int SLOW_CLIENTS = 50;

    @TempDir
    Path dataDir;
    WebFixture hub;
    final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void fifty_clients_dribbling_their_headers_are_cut_at_the_deadline_and_a_normal_request_still_gets_through() throws Exception {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults().withHeaderDeadline(DEADLINE));
        long start = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket socket = open();
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: hub\r\n".getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        long[] closedAfterMillis = new long[SLOW_CLIENTS];
        HttpResponse<String> normal = null;
        long normalMillis = -1;
        byte[] dribble = "X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII);
        int round = 0;
        // One header byte per socket every 100 ms, far inside the idle timeout, for up to four deadlines.
        while (elapsedMillis(start) < 4 * DEADLINE.toMillis() && open(closedAfterMillis) > 0) {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                if (closedAfterMillis[i] == 0 && closed(sockets.get(i), dribble[round % dribble.length])) {
                    closedAfterMillis[i] = elapsedMillis(start);
                }
            }
            round++;
            if (normal == null && elapsedMillis(start) > DEADLINE.toMillis() / 2) {
                long before = System.nanoTime();
                normal = hub.get("/health");
                normalMillis = elapsedMillis(before);
            }
            Thread.sleep(100);
        }

        assertEquals(200, normal.statusCode(), "a normal request gets through while 50 slow clients hold connections");
        assertTrue(normalMillis < 2000, "and without waiting for them: " + normalMillis + " ms");
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            long after = closedAfterMillis[i];
            assertTrue(after != 0, "slow client " + i + " was not cut off within " + 4 * DEADLINE.toMillis() + " ms");
            assertTrue(after >= DEADLINE.toMillis() - 100 && after <= DEADLINE.toMillis() + 2500,
                    "slow client " + i + " was cut at the deadline (" + DEADLINE.toMillis() + " ms), not after " + after + " ms");
        }
        assertEquals(200, hub.get("/health").statusCode(), "the server still answers");
        assertTrue(hub.scrape().body().contains("opvang_http_refused_total{reason=\"slow_header\"} 50.0"),
                "each cut is counted");
    }

    @Test
    void a_body_sent_slowly_after_a_prompt_header_is_not_cut_and_is_answered() throws Exception {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults().withHeaderDeadline(DEADLINE));
        hub.account("langzaam", nl.opvang.hub.http.Role.CT, null);
        byte[] body = ("{\"username\":\"langzaam\",\"password\":\"" + WebFixture.PASSWORD + "\",\"totp\":\"\"}")
                .getBytes(StandardCharsets.UTF_8);
        Socket socket = open();
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        // The body takes twice the header deadline to arrive.
        long pause = 2 * DEADLINE.toMillis() / body.length + 1;
        for (byte b : body) {
            out.write(b);
            out.flush();
            Thread.sleep(pause);
        }
        assertTrue(elapsedMillis(start) > 2 * DEADLINE.toMillis() - 100);

        socket.setSoTimeout(10_000);
        RawHttp.Answer answer = RawHttp.readHead(socket.getInputStream());
        assertEquals(200, answer.status(), answer.head());
    }

    @Test
    void an_sse_stream_stays_open_past_the_deadline() throws Exception {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults().withHeaderDeadline(DEADLINE));
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null, hub.ctToken)) {
            assertEquals("snapshot", stream.next(Duration.ofSeconds(5)).event());
            Thread.sleep(2 * DEADLINE.toMillis() + 500);

            hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);

            SseReader.Event live = stream.next(Duration.ofSeconds(5));
            assertEquals("location", live.event(), "the stream still delivers after twice the header deadline");
        }
    }

    /** A keep-alive connection that sends its second request slowly is cut as well: the deadline is per request. */
    @Test
    void a_second_request_dribbled_on_a_kept_alive_connection_is_cut_too() throws Exception {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults().withHeaderDeadline(DEADLINE));
        Socket socket = open();
        sockets.add(socket);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer first = RawHttp.readHead(socket.getInputStream());
        assertEquals(200, first.status());
        int length = Integer.parseInt(first.header("Content-Length"));
        socket.getInputStream().readNBytes(length);
        socket.setSoTimeout(1);
        Thread.sleep(DEADLINE.toMillis() / 2);

        long start = System.nanoTime();
        byte[] dribble = ("GET /health HTTP/1.1\r\nHost: hub\r\nX-Slow: " + "a".repeat(45)).getBytes(StandardCharsets.US_ASCII);
        long closedAfter = 0;
        for (int i = 0; i < dribble.length && closedAfter == 0; i++) {
            if (closed(socket, dribble[i])) {
                closedAfter = elapsedMillis(start);
            }
            Thread.sleep(100);
        }
        assertTrue(closedAfter != 0, "the slow second request was not cut");
        assertTrue(closedAfter <= DEADLINE.toMillis() + 2500, "cut at the deadline, not after " + closedAfter + " ms");
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hub.port), 5000);
        socket.setSoTimeout(1);
        return socket;
    }

    /** Sends one more header byte; true when the server has closed the connection (or answered instead of waiting). */
    private static boolean closed(Socket socket, byte next) {
        try {
            InputStream in = socket.getInputStream();
            try {
                in.read();
                return true; // end of stream, or an answer such as 408: either way the server stopped waiting
            } catch (SocketTimeoutException stillOpen) {
                // nothing to read: the server is still waiting for the header
            }
            socket.getOutputStream().write(next);
            socket.getOutputStream().flush();
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int open(long[] closedAfterMillis) {
        int open = 0;
        for (long after : closedAfterMillis) {
            if (after == 0) {
                open++;
            }
        }
        return open;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
