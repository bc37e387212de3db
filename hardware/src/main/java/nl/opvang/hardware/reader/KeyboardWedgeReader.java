package nl.opvang.hardware.reader;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.ReaderStatus;

/**
 * A USB reader that types the pass number and Enter like a keyboard. It reads on its own daemon thread; when the
 * device is missing or unplugged the status says so and the reader tries again every {@code retry}.
 *
 * <p>Reading /dev/input/event* does not stop the keystrokes also reaching the focused window: the kiosk page should
 * not have a text field focused while waiting for a pass.
 */
public final class KeyboardWedgeReader implements CardReader, AutoCloseable {

    /** Opens the device; throws {@link NoSuchFileException} when it is not there. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Pass numbers are at most this long unless told otherwise. */
    public static final int DEFAULT_MAX_DIGITS = 20;

    private final Source source;
    private final KeyDecoder decoder;
    private final int maxDigits;
    private final Duration retry;
    private final ReaderSignals signals;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile InputStream current;

    public KeyboardWedgeReader(String name, Source source, KeyDecoder decoder, int maxDigits, Duration retry) {
        this.source = source;
        this.decoder = decoder;
        this.maxDigits = PassNumberParser.checkMaxDigits(maxDigits);
        this.retry = retry;
        this.signals = new ReaderSignals(name);
        this.thread = new Thread(this::run, "card-reader");
        thread.setDaemon(true);
    }

    /** A reader on a Linux input event device, e.g. /dev/input/by-id/usb-…-event-kbd. */
    public static KeyboardWedgeReader evdev(Path device) {
        return new KeyboardWedgeReader(device.toString(), () -> Files.newInputStream(device), KeyDecoder.EVDEV,
                DEFAULT_MAX_DIGITS, Duration.ofSeconds(2));
    }

    /** A reader that types text into a device file (a tty, a serial port). */
    public static KeyboardWedgeReader text(Path device) {
        return new KeyboardWedgeReader(device.toString(), () -> Files.newInputStream(device), KeyDecoder.TEXT,
                DEFAULT_MAX_DIGITS, Duration.ofSeconds(2));
    }

    /** A reader typing into this process's standard input (a console session). */
    public static KeyboardWedgeReader standardInput() {
        return new KeyboardWedgeReader("stdin", () -> new FilterInputStream(System.in) {
            @Override
            public void close() {
                // Standard input belongs to the process, not to the reader.
            }
        }, KeyDecoder.TEXT, DEFAULT_MAX_DIGITS, Duration.ofSeconds(2));
    }

    /** Starts reading; returns at once. */
    public KeyboardWedgeReader start() {
        thread.start();
        return this;
    }

    @Override
    public void onCard(Consumer<String> listener) {
        signals.onCard(listener);
    }

    @Override
    public void onStatus(Consumer<ReaderStatus> listener) {
        signals.onStatus(listener);
    }

    @Override
    public ReaderStatus status() {
        return signals.status();
    }

    /**
     * Reads pass numbers from {@code in} until it ends, handing each to {@code out}. Public so that the parsing can
     * be tested and reused on any stream.
     */
    public static void readPasses(InputStream in, KeyDecoder decoder, int maxDigits, Consumer<String> out)
            throws IOException {
        PassNumberParser parser = new PassNumberParser(maxDigits);
        int c;
        while ((c = decoder.next(in)) >= 0) {
            parser.key((char) c).ifPresent(out);
        }
    }

    private void run() {
        while (closed.getCount() > 0) {
            try (InputStream in = source.open()) {
                current = in;
                signals.status(ReaderStatus.READY, "opened");
                readPasses(in, decoder, maxDigits, signals::card);
                signals.status(ReaderStatus.MISSING, "device ended (unplugged?)");
            } catch (NoSuchFileException e) {
                signals.status(ReaderStatus.MISSING, "no device " + e.getFile());
            } catch (AccessDeniedException e) {
                signals.status(ReaderStatus.NO_ACCESS, "no permission on " + e.getFile() + " (add the user to group 'input')");
            } catch (IOException e) {
                signals.status(ReaderStatus.MISSING, e.toString());
            } finally {
                current = null;
            }
            if (awaitClose(retry)) {
                return;
            }
        }
    }

    private boolean awaitClose(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the reader; the stream is closed to wake a blocked read. */
    @Override
    public void close() {
        closed.countDown();
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing only wakes the reader thread; it ends either way.
            }
        }
    }
}
