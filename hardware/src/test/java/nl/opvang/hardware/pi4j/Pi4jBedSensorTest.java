package nl.opvang.hardware.pi4j;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jBedSensorTest {

    private final Context context = MockPi.context();
    private final DigitalInput input = context.create(DigitalInput.newConfigBuilder(context).id("bed").address(5)
            .pull(PullResistance.PULL_UP).provider(MockPi.PROVIDERS.digitalInput()).build());

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void a_closed_switch_means_occupied_and_listeners_hear_each_change() {
        MockPi.set(context, "bed", HIGH);
        Pi4jBedSensor sensor = new Pi4jBedSensor(input);
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        sensor.onChange(heard::add);

        assertFalse(sensor.occupied());
        MockPi.set(context, "bed", LOW);
        assertTrue(sensor.occupied());
        MockPi.set(context, "bed", HIGH);

        assertEquals(List.of(true, false), heard);
    }

    @Test
    void listeners_hear_changes_only() {
        MockPi.set(context, "bed", LOW);
        Pi4jBedSensor sensor = new Pi4jBedSensor(input);
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        sensor.onChange(heard::add);

        MockPi.set(context, "bed", LOW);
        MockPi.set(context, "bed", HIGH);

        assertEquals(List.of(false), heard);
    }
}
