package nl.opvang.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hardware.HardwareConfig.DisplaySize;
import nl.opvang.hardware.sim.SimulatedDisplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pcf8574LcdTest {

    private static final Pause NO_WAIT = micros -> { };

    private final Context context = MockPi.context();
    private final MockI2C device = (MockI2C) context.create(I2C.newConfigBuilder(context).id("display").bus(1).device(0x27)
            .provider(MockPi.PROVIDERS.i2c()).build());

    @AfterEach
    void shutDown() {
        context.shutdown();
    }

    @Test
    void initialisation_wakes_the_controller_three_times_then_sets_4_bit_mode_and_the_settings() {
        Pcf8574Lcd.start(new Pi4jI2cBus(device), DisplaySize.LCD_20X4, NO_WAIT);

        assertEquals(List.of(
                0x08,                               // backlight on, everything else low
                0x3C, 0x38, 0x3C, 0x38, 0x3C, 0x38, // "8-bit mode" three times: nibble 3, E high then low
                0x2C, 0x28,                         // "4-bit mode": nibble 2
                0x2C, 0x28, 0x8C, 0x88,             // function set 0x28: two lines, 5x8 dots
                0x0C, 0x08, 0xCC, 0xC8,             // display on, cursor off
                0x0C, 0x08, 0x1C, 0x18,             // clear
                0x0C, 0x08, 0x6C, 0x68),            // entry mode: cursor moves right
                MockPi.drain(device));
    }

    @Test
    void initialisation_waits_the_datasheet_times() {
        List<Long> pauses = new ArrayList<>();
        Pcf8574Lcd.start(new Pi4jI2cBus(device), DisplaySize.LCD_16X2, pauses::add);

        assertEquals(50_000L, pauses.get(0), "power-on wait");
        assertTrue(pauses.contains(4_500L), "more than 4.1 ms after the first wake-up");
        assertTrue(pauses.contains(2_000L), "more than 1.52 ms after clear");
    }

    @Test
    void a_character_is_two_nibble_writes_each_with_an_enable_pulse() {
        Pcf8574Lcd lcd = Pcf8574Lcd.start(new Pi4jI2cBus(device), DisplaySize.LCD_16X2, NO_WAIT);
        MockPi.drain(device);

        lcd.show("A");

        List<Integer> writes = MockPi.drain(device);
        assertEquals(List.of(0x8C, 0x88, 0x0C, 0x08), writes.subList(0, 4), "cursor to row 1, column 1");
        assertEquals(List.of(0x4D, 0x49, 0x1D, 0x19), writes.subList(4, 8), "'A' = 0x41 with RS high, E pulsed per nibble");
        assertEquals(2 * (4 + 16 * 4), writes.size(), "two rows: an address and 16 characters each");
    }

    @Test
    void the_display_shows_dutch_text_transliterated_and_cut_to_its_width() {
        Pcf8574Lcd lcd = Pcf8574Lcd.start(new Pi4jI2cBus(device), DisplaySize.LCD_20X4, NO_WAIT);
        Hd44780Model model = new Hd44780Model();

        lcd.show("Vrij: 3 · Crisis: 1 · Noodbed: 0", "Café ’t Hôf", "", "Geen verbinding — 12 wachtend");
        model.feed(MockPi.drain(device));

        assertTrue(model.fourBitMode());
        assertEquals("Vrij: 3 - Crisis: 1 ", model.row(0, 20));
        assertEquals("Cafe 't Hof         ", model.row(1, 20));
        assertEquals("                    ", model.row(2, 20));
        assertEquals("Geen verbinding - 12", model.row(3, 20));
    }

    @Test
    void the_simulated_display_shows_what_the_real_one_draws() {
        for (DisplaySize size : DisplaySize.values()) {
            Pcf8574Lcd lcd = Pcf8574Lcd.start(new Pi4jI2cBus(device), size, NO_WAIT);
            SimulatedDisplay simulated = new SimulatedDisplay(size);
            Hd44780Model model = new Hd44780Model();
            String[] text = {"Vrij: 2 · Noodbed: 1", "Ingecheckt: één", "überlang regel die te lang is", "vier", "vijf"};

            lcd.show(text);
            simulated.show(text);
            model.feed(MockPi.drain(device));

            for (int row = 0; row < size.rows(); row++) {
                assertEquals(simulated.lines().get(row), model.row(row, size.columns()), size + " row " + row);
            }
            assertEquals(size.rows(), simulated.lines().size());
        }
    }

    @Test
    void every_write_keeps_the_backlight_on() {
        Pcf8574Lcd lcd = Pcf8574Lcd.start(new Pi4jI2cBus(device), DisplaySize.LCD_16X2, NO_WAIT);
        lcd.show("opvang OK");
        List<Integer> writes = MockPi.drain(device);

        assertTrue(writes.stream().allMatch(port -> (port & Pcf8574Lcd.BACKLIGHT) != 0));
    }
}
