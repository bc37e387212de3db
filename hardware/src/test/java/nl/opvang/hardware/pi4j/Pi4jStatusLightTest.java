package nl.opvang.hardware.pi4j;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import java.util.Optional;
import nl.opvang.hardware.LightState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jStatusLightTest {

    private final Context context = MockPi.context();
    private final DigitalOutput red = output("red", 24);
    private final DigitalOutput green = output("green", 22);

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void three_leds_light_one_each_per_state() {
        DigitalOutput amber = output("amber", 23);
        Pi4jStatusLight light = new Pi4jStatusLight(red, green, Optional.of(amber));

        assertEquals(List.of(LOW, LOW, LOW), leds(amber), "off after start");
        light.show(LightState.GREEN);
        assertEquals(List.of(LOW, HIGH, LOW), leds(amber));
        light.show(LightState.RED);
        assertEquals(List.of(HIGH, LOW, LOW), leds(amber));
        light.show(LightState.AMBER);
        assertEquals(List.of(LOW, LOW, HIGH), leds(amber));
        light.show(LightState.OFF);
        assertEquals(List.of(LOW, LOW, LOW), leds(amber));
        assertEquals(LightState.OFF, light.state());
    }

    @Test
    void two_leds_mix_amber_from_red_and_green() {
        Pi4jStatusLight light = new Pi4jStatusLight(red, green, Optional.empty());

        light.show(LightState.AMBER);
        assertEquals(List.of(HIGH, HIGH), List.of(red.state(), green.state()));
        light.show(LightState.GREEN);
        assertEquals(List.of(LOW, HIGH), List.of(red.state(), green.state()));
        light.show(LightState.RED);
        assertEquals(List.of(HIGH, LOW), List.of(red.state(), green.state()));
        assertEquals(LightState.RED, light.state());
    }

    private List<DigitalState> leds(DigitalOutput amber) {
        return List.of(red.state(), green.state(), amber.state());
    }

    private DigitalOutput output(String id, int bcm) {
        return context.create(DigitalOutput.newConfigBuilder(context).id(id).address(bcm).initial(LOW)
                .provider(MockPi.PROVIDERS.digitalOutput()).build());
    }
}
