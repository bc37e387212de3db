package nl.opvang.hardware.pi4j;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.hardware.Debouncer;
import nl.opvang.hardware.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pi4jButtonTest {

    private final Context context = MockPi.context();
    private final ManualTicker clock = new ManualTicker();
    private final AtomicInteger presses = new AtomicInteger();

    @BeforeEach
    void fitButton() {
        DigitalInput input = context.create(DigitalInput.newConfigBuilder(context).id("button").address(17)
                .pull(PullResistance.PULL_UP).provider(MockPi.PROVIDERS.digitalInput()).build());
        new Pi4jButton(input, new Debouncer(clock, Duration.ofMillis(50))).onPress(presses::incrementAndGet);
        edge(HIGH, Duration.ofSeconds(1));
    }

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void a_clean_press_is_one_press() {
        edge(LOW, Duration.ofSeconds(1));
        edge(HIGH, Duration.ofMillis(200));

        assertEquals(1, presses.get());
    }

    @Test
    void two_fast_edges_are_one_press() {
        edge(LOW, Duration.ofSeconds(1));
        edge(HIGH, Duration.ofMillis(3));
        edge(LOW, Duration.ofMillis(3));

        assertEquals(1, presses.get());
    }

    @Test
    void bounce_on_release_is_not_a_press() {
        edge(LOW, Duration.ofSeconds(1));
        edge(HIGH, Duration.ofMillis(400));
        edge(LOW, Duration.ofMillis(2));
        edge(HIGH, Duration.ofMillis(2));

        assertEquals(1, presses.get());
    }

    @Test
    void two_deliberate_presses_are_two_presses() {
        edge(LOW, Duration.ofSeconds(1));
        edge(HIGH, Duration.ofMillis(80));
        edge(LOW, Duration.ofMillis(80));

        assertEquals(2, presses.get());
    }

    private void edge(DigitalState state, Duration after) {
        clock.advance(after);
        MockPi.set(context, "button", state);
    }
}
