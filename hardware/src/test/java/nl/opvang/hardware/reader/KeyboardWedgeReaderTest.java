package nl.opvang.hardware.reader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import nl.opvang.hardware.ReaderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyboardWedgeReaderTest {

    @TempDir
    Path dir;

    @Test
    void digits_ended_by_enter_are_a_pass_number() throws IOException {
        assertEquals(List.of("0412345678", "99887766"), passes("0412345678\n99887766\r\n"));
    }

    @Test
    void blank_lines_spaces_and_control_keys_are_skipped() throws IOException {
        assertEquals(List.of("12345678"), passes("\n\r\n 1234 5678\t\u0007\n"));
    }

    @Test
    void a_line_with_other_characters_is_dropped_whole() throws IOException {
        assertEquals(List.of("55556666"), passes("1234x5678\n%ABC\n55556666\n"));
    }

    @Test
    void a_line_longer_than_the_maximum_or_too_short_is_dropped() throws IOException {
        assertEquals(List.of("12345678"), passes("123456789012345678901\n123\n12345678\n"));
    }

    @Test
    void an_unfinished_line_at_the_end_of_the_stream_is_not_a_pass() throws IOException {
        assertEquals(List.of(), passes("12345678"));
    }

    @Test
    void linux_input_events_are_decoded_from_key_presses_only() throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        int[] typed = {42, 2, 3, 4, 5, 79, 82, 11, 28}; // shift, 1 2 3 4, keypad 1 and 0, 0, enter
        for (int code : typed) {
            events.write(event(1, code, 1));
            events.write(event(1, code, 0));
            events.write(event(0, 0, 0));
        }
        events.write(event(1, 30, 1)); // 'a' spoils the next line
        events.write(event(1, 28, 1));
        List<String> out = new ArrayList<>();

        KeyboardWedgeReader.readPasses(new ByteArrayInputStream(events.toByteArray()), KeyDecoder.EVDEV, 20, out::add);

        assertEquals(List.of("1234100"), out);
    }

    @Test
    void a_missing_device_is_reported_and_found_when_plugged_in() throws IOException {
        Path device = dir.resolve("event-kbd");
        AtomicReference<byte[]> plugged = new AtomicReference<>();
        List<String> cards = new CopyOnWriteArrayList<>();
        List<ReaderStatus> statuses = new CopyOnWriteArrayList<>();
        KeyboardWedgeReader.Source source = () -> {
            byte[] bytes = plugged.getAndSet(null);
            if (bytes == null) {
                throw new NoSuchFileException(device.toString());
            }
            return new ByteArrayInputStream(bytes);
        };
        try (KeyboardWedgeReader reader = new KeyboardWedgeReader("test", source, KeyDecoder.TEXT, 20, Duration.ofMillis(20))) {
            reader.onCard(cards::add);
            reader.onStatus(statuses::add);
            reader.start();

            await().until(() -> reader.status() == ReaderStatus.MISSING);
            assertEquals("Geen kaartlezer gevonden", reader.status().dutch());
            plugged.set("31415926\n".getBytes(StandardCharsets.US_ASCII));

            await().until(() -> cards.equals(List.of("31415926")));
            await().until(() -> statuses.equals(List.of(ReaderStatus.MISSING, ReaderStatus.READY, ReaderStatus.MISSING)));
        }
    }

    @Test
    void a_device_without_permission_is_reported_as_no_access() throws IOException {
        Path device = Files.createFile(dir.resolve("locked"));
        KeyboardWedgeReader.Source source = () -> {
            throw new AccessDeniedException(device.toString());
        };
        try (KeyboardWedgeReader reader = new KeyboardWedgeReader("test", source, KeyDecoder.EVDEV, 20, Duration.ofMillis(20))) {
            reader.start();

            await().until(() -> reader.status() == ReaderStatus.NO_ACCESS);
        }
    }

    @Test
    void the_evdev_reader_reads_a_device_file() throws IOException {
        Path device = Files.write(dir.resolve("event0"), concat(event(1, 9, 1), event(1, 28, 1), event(1, 3, 1),
                event(1, 4, 1), event(1, 5, 1), event(1, 6, 1), event(1, 96, 1)));
        List<String> cards = new CopyOnWriteArrayList<>();
        try (KeyboardWedgeReader reader = KeyboardWedgeReader.evdev(device)) {
            reader.onCard(cards::add);
            reader.start();

            await().until(() -> cards.equals(List.of("2345")));
        }
    }

    private static List<String> passes(String typed) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(typed.getBytes(StandardCharsets.ISO_8859_1))) {
            KeyboardWedgeReader.readPasses(in, KeyDecoder.TEXT, 20, out::add);
        }
        return out;
    }

    /** One 64-bit {@code struct input_event}: timeval (16 bytes), type, code, value. */
    private static byte[] event(int type, int code, int value) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(1_700_000_000L).putLong(42)
                .putShort((short) type).putShort((short) code).putInt(value).array();
    }

    private static byte[] concat(byte[]... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] event : events) {
            out.writeBytes(event);
        }
        return out.toByteArray();
    }
}
