package nl.opvang.hardware.reader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.ReaderStatus;

/**
 * A contactless reader through PC/SC (pcscd and libpcsclite). It reads the card's UID with the PC/SC "get data"
 * command {@code FF CA 00 00 00} and reports it in upper-case hexadecimal. No pcscd or no reader plugged in shows as
 * {@link ReaderStatus#MISSING}; the reader keeps looking every {@code retry}.
 */
public final class PcscCardReader implements CardReader, AutoCloseable {

    /** PC/SC part 3 "get data": the UID of the card in the field. */
    static final CommandAPDU GET_UID = new CommandAPDU(new byte[] {(byte) 0xFF, (byte) 0xCA, 0x00, 0x00, 0x00});

    private static final int SW_OK = 0x9000;
    private static final long POLL_MILLIS = 500;
    /** Debian ships libpcsclite.so.1 only (the unversioned name comes with -dev); the JDK looks for the latter. */
    private static final List<String> PCSC_LIBRARIES = List.of(
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/arm-linux-gnueabihf/libpcsclite.so.1",
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1");

    private final Duration retry;
    private final ReaderSignals signals = new ReaderSignals("pcsc");
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    public PcscCardReader(Duration retry) {
        this.retry = retry;
        this.thread = new Thread(this::run, "card-reader-pcsc");
        thread.setDaemon(true);
    }

    /** Starts looking for a reader and cards; returns at once. */
    public PcscCardReader start() {
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

    /** The UID in an answer to {@link #GET_UID}, when the card gave one. */
    static Optional<String> uidOf(ResponseAPDU response) {
        if (response.getSW() != SW_OK || response.getData().length == 0) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().withUpperCase().formatHex(response.getData()));
    }

    private void run() {
        pointJdkAtPcscLibrary();
        TerminalFactory factory;
        try {
            factory = TerminalFactory.getDefault();
        } catch (RuntimeException e) {
            signals.status(ReaderStatus.MISSING, "no PC/SC support: " + e);
            return;
        }
        while (closed.getCount() > 0) {
            try {
                List<CardTerminal> terminals = factory.terminals().list();
                if (terminals.isEmpty()) {
                    signals.status(ReaderStatus.MISSING, "no reader plugged in");
                } else {
                    signals.status(ReaderStatus.READY, terminals.get(0).getName());
                    readCards(terminals.get(0));
                }
            } catch (CardException | RuntimeException e) {
                signals.status(ReaderStatus.MISSING, e.toString());
            }
            if (awaitClose(retry)) {
                return;
            }
        }
    }

    /** Reads cards until the terminal fails (unplugged) or the reader is closed. */
    private void readCards(CardTerminal terminal) throws CardException {
        while (closed.getCount() > 0) {
            if (terminal.waitForCardPresent(POLL_MILLIS)) {
                readUid(terminal).ifPresent(signals::card);
                awaitCardTakenAway(terminal);
            }
        }
    }

    /** One card held in the field is one read, however long it stays there. */
    private void awaitCardTakenAway(CardTerminal terminal) throws CardException {
        boolean gone = false;
        while (!gone && closed.getCount() > 0) {
            gone = terminal.waitForCardAbsent(POLL_MILLIS);
        }
    }

    private static Optional<String> readUid(CardTerminal terminal) throws CardException {
        Card card = terminal.connect("*");
        try {
            return uidOf(card.getBasicChannel().transmit(GET_UID));
        } finally {
            card.disconnect(false);
        }
    }

    private static void pointJdkAtPcscLibrary() {
        String property = "sun.security.smartcardio.library";
        if (System.getProperty(property) != null) {
            return;
        }
        PCSC_LIBRARIES.stream().filter(lib -> Files.exists(Path.of(lib))).findFirst()
                .ifPresent(lib -> System.setProperty(property, lib));
    }

    private boolean awaitClose(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
