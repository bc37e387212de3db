package nl.opvang.hardware.pi4j;

/** One I²C device that takes single-byte writes: all a PCF8574 needs. Ours, so tests can record the bytes. */
@FunctionalInterface
public interface I2cBus {

    /** Writes the low 8 bits of {@code value} to the device. */
    void write(int value);
}
