package nl.opvang.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts fitted to one node. Parts that are not fitted are empty. Closing it stops the readers and releases the
 * pins (for Pi4J: shuts the context down, which turns the LEDs off).
 */
public final class Hardware implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hardware.class);

    private final Button plusButton;
    private final Button minusButton;
    private final StatusLight statusLight;
    private final Display display;
    private final CardReader cardReader;
    private final Map<String, BedSensor> bedSensors;
    private final List<AutoCloseable> closeables;

    private Hardware(Builder builder) {
        this.plusButton = builder.plusButton;
        this.minusButton = builder.minusButton;
        this.statusLight = builder.statusLight;
        this.display = builder.display;
        this.cardReader = builder.cardReader;
        this.bedSensors = Collections.unmodifiableMap(new LinkedHashMap<>(builder.bedSensors));
        this.closeables = List.copyOf(builder.closeables);
    }

    /** Starts an empty set of parts. */
    public static Builder builder() {
        return new Builder();
    }

    public Optional<Button> plusButton() {
        return Optional.ofNullable(plusButton);
    }

    public Optional<Button> minusButton() {
        return Optional.ofNullable(minusButton);
    }

    public Optional<StatusLight> statusLight() {
        return Optional.ofNullable(statusLight);
    }

    public Optional<Display> display() {
        return Optional.ofNullable(display);
    }

    public Optional<CardReader> cardReader() {
        return Optional.ofNullable(cardReader);
    }

    /** Bed code → its sensor, for the beds that have one. */
    public Map<String, BedSensor> bedSensors() {
        return bedSensors;
    }

    /** Closes in reverse order of registration; one failing part does not keep the others open. */
    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("Closing a hardware part failed: {}", e.toString());
            }
        }
    }

    /** Collects the parts; each is optional. */
    public static final class Builder {
        private Button plusButton;
        private Button minusButton;
        private StatusLight statusLight;
        private Display display;
        private CardReader cardReader;
        private final Map<String, BedSensor> bedSensors = new LinkedHashMap<>();
        private final List<AutoCloseable> closeables = new ArrayList<>();

        private Builder() {
        }

        public Builder buttons(Button plus, Button minus) {
            this.plusButton = plus;
            this.minusButton = minus;
            return this;
        }

        public Builder statusLight(StatusLight light) {
            this.statusLight = light;
            return this;
        }

        public Builder display(Display value) {
            this.display = value;
            return this;
        }

        public Builder cardReader(CardReader reader) {
            this.cardReader = reader;
            return this;
        }

        public Builder bedSensor(String bed, BedSensor sensor) {
            bedSensors.put(bed, sensor);
            return this;
        }

        /** Something to close with the parts, e.g. a reader thread or the Pi4J context. */
        public Builder closeWith(AutoCloseable closeable) {
            closeables.add(closeable);
            return this;
        }

        public Hardware build() {
            return new Hardware(this);
        }
    }
}
