package nl.opvang.device.panel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.opvang.device.kiosk.Dutch;
import nl.opvang.device.node.CountPlace;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.OperationRefused;
import nl.opvang.hardware.Display;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.StatusLight;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The button panel of a count-only place (the noodbedden): + and − change the occupied count of one kind, the display
 * shows the free places and the hub connection in Dutch, the status light says free (green), full (red) or no hub
 * contact (amber, which wins). See {@code device/PANEL.md}.
 *
 * <p>Button listeners run on the hardware's threads and only hand the press to the panel's one worker thread
 * (docs/DESIGN.md §1); that worker also refreshes the display and light every second, so presses, refreshes and the
 * node's database work never overlap and presses are applied in the order they came.
 */
public final class Panel implements AutoCloseable {
    /** How long the message after a refused press stays on the display. */
    static final Duration MESSAGE_TIME = Duration.ofSeconds(3);
    /** How long a question ("Openen? + ja - nee") waits for its answer. */
    static final Duration QUESTION_TIME = Duration.ofSeconds(8);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Panel.class);

    private final Node node;
    private final Kind kind;
    private final Optional<Display> display;
    private final Optional<StatusLight> light;
    private final ScheduledExecutorService worker;
    private final Clock clock;
    private String message;
    private long messageUntilNanos;
    private Question question = Question.NONE;

    /** The noodbedden menu (issue 13): what the last press asked, answered by the next press while it shows. */
    private enum Question { NONE, OPEN, CLOSE }

    private Panel(Node node, Hardware hardware, Kind kind, Clock clock) {
        this.node = node;
        this.kind = kind;
        this.clock = clock;
        this.display = hardware.display();
        this.light = hardware.statusLight();
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "opvang-panel");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Wires the panel to the node and the fitted parts and starts refreshing. Parts that are not fitted are skipped
     * (a panel without buttons is a read-only display).
     */
    public static Panel start(Node node, Hardware hardware, Kind kind) {
        return start(node, hardware, kind, Clock.systemUTC());
    }

    /** As {@link #start(Node, Hardware, Kind)}, with the clock that decides "tomorrow 12:00" (tests). */
    static Panel start(Node node, Hardware hardware, Kind kind, Clock clock) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(kind, "kind");
        Panel panel = new Panel(node, hardware, kind, clock);
        hardware.plusButton().ifPresent(button -> button.onPress(() -> panel.enqueue(1)));
        hardware.minusButton().ifPresent(button -> button.onPress(() -> panel.enqueue(-1)));
        panel.worker.scheduleWithFixedDelay(panel::refreshSafely, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return panel;
    }

    /** Runs on the hardware's thread: only hands the press on. */
    private void enqueue(int step) {
        try {
            worker.execute(() -> press(step));
        } catch (RejectedExecutionException closed) {
            // The panel is shutting down; a press now has nowhere to go and nothing to change.
        }
    }

    private void press(int step) {
        try {
            Optional<Payload.CountState> place = node.state().count(kind);
            if (place.isEmpty()) {
                show("Niet ingesteld");
            } else if (question != Question.NONE && message != null && System.nanoTime() - messageUntilNanos < 0) {
                answer(step);
            } else {
                change(place.get(), step);
            }
        } catch (OperationRefused e) {
            show("Niet gelukt");
            LOG.info("panel press refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            show("Opslaan mislukt");
            LOG.error("panel press failed", e);
        }
        refreshSafely();
    }

    private void change(Payload.CountState place, int step) {
        int next = place.occupied() + step;
        boolean nood = kind == Kind.NOOD && node.nood().isPresent();
        // The noodbedden menu: + on closed noodbedden asks to open them, − when none is occupied asks to close them.
        if (nood && step > 0 && !place.open()) {
            ask(Question.OPEN, "panel.askOpen");
        } else if (nood && next < 0 && place.open()) {
            ask(Question.CLOSE, "panel.askClose");
        } else if (next < 0) {
            show("Al 0 bezet");
        } else if (step > 0 && !place.open()) {
            show("Gesloten");
        } else if (next > place.capacity()) {
            show(node.nood().filter(CountPlace::closing).isPresent() && nood ? Dutch.word("panel.closing") : "Vol: geen plek meer");
        } else {
            node.count(kind, next);
        }
    }

    private void ask(Question asked, String words) {
        show(Dutch.word(narrow() ? words + ".short" : words), QUESTION_TIME);
        question = asked;
    }

    /** The press after a question: + opens (until tomorrow 12:00), − closes (never under a guest), the other key cancels. */
    private void answer(int step) {
        Question asked = question;
        question = Question.NONE;
        if (asked == Question.OPEN && step > 0) {
            Instant until = Dutch.defaultNoodUntil(clock.instant());
            node.openNood(null, until, "panel");
            show(fit("panel.opened", until, display.map(Display::columns).orElse(20)));
        } else if (asked == Question.CLOSE && step < 0) {
            node.closeNood("panel");
            show(Dutch.word(node.nood().filter(CountPlace::closing).isPresent() ? "panel.closing" : "panel.closed"));
        } else {
            show(Dutch.word("panel.unchanged"));
        }
    }

    private boolean narrow() {
        return display.map(Display::columns).orElse(20) < 20;
    }

    private void show(String text) {
        show(text, MESSAGE_TIME);
        question = Question.NONE;
    }

    private void show(String text, Duration time) {
        message = text;
        messageUntilNanos = System.nanoTime() + time.toNanos();
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A failing refresh must not end the timer: the next second tries again.
            LOG.warn("panel refresh failed: {}", e.toString());
        }
    }

    private void refresh() {
        if (message != null && System.nanoTime() - messageUntilNanos > 0) {
            message = null;
            question = Question.NONE;
        }
        int columns = display.map(Display::columns).orElse(20);
        int rows = display.map(Display::rows).orElse(4);
        PanelScreen screen = PanelScreen.of(kind, node.state().count(kind), node.hubConnected(), node.pendingCount(),
                Optional.ofNullable(message), columns, rows, note(columns));
        display.ifPresent(part -> part.show(screen.lines().toArray(new String[0])));
        light.ifPresent(part -> part.show(screen.light()));
    }

    /** "Tot di 8 dec 12:00" while noodbedden are open until a time, "Sluit zodra vrij" while they close. */
    private String note(int columns) {
        if (kind != Kind.NOOD) {
            return "";
        }
        return node.nood().filter(CountPlace::open).map(nood -> {
            if (nood.closing()) {
                return Dutch.word("panel.closing");
            }
            if (nood.until() == null) {
                return "";
            }
            return fit("panel.until", nood.until(), columns);
        }).orElse("");
    }

    /** The words with the end time as long as fits: "di 8 dec 12:00", else "di 12:00", else "12:00". */
    private static String fit(String words, Instant until, int columns) {
        String[] parts = Dutch.dayTime(until).split(" ");
        String time = parts[parts.length - 1];
        for (String when : new String[] {Dutch.dayTime(until), parts[0] + " " + time}) {
            String line = Dutch.word(words).replace("{0}", when);
            if (line.length() <= columns) {
                return line;
            }
        }
        return Dutch.word(words).replace("{0}", time);
    }

    /** Stops the worker after the presses already handed to it; does not close the node or the hardware. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
