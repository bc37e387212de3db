package nl.opvang.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.util.ArrayList;
import java.util.List;

/** A Pi4J context on the mock plugin (docs/DESIGN.md §1), built explicitly like the real one. */
final class MockPi {

    static final Pi4jProviders PROVIDERS = new Pi4jProviders(MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID,
            MockI2CProvider.ID);

    private MockPi() {
    }

    static Context context() {
        return Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance())
                .build();
    }

    /** Drives a mock input pin, as a contact to ground would. */
    static void set(Context context, String id, DigitalState state) {
        context.io(id, MockDigitalInput.class).mockState(state);
    }

    /**
     * Everything written to the mock I²C device so far, in order: the mock keeps writes in a FIFO that reads take
     * from. The bulk read returns a count, so 0xFF is not mistaken for the end as with the single-byte read.
     */
    static List<Integer> drain(MockI2C device) {
        List<Integer> bytes = new ArrayList<>();
        byte[] chunk = new byte[256];
        int count;
        while ((count = device.read(chunk, 0, chunk.length)) > 0) {
            for (int i = 0; i < count; i++) {
                bytes.add(chunk[i] & 0xff);
            }
        }
        return bytes;
    }
}
