package nl.opvang.hardware.sim;

import java.util.ArrayList;
import java.util.List;
import nl.opvang.hardware.Display;
import nl.opvang.hardware.DisplayText;
import nl.opvang.hardware.HardwareConfig.DisplaySize;

/** A display that keeps its rows as the real one would draw them: transliterated, cut and padded to the width. */
public final class SimulatedDisplay implements Display {

    private final int columns;
    private final int rows;
    private List<String> lines;

    public SimulatedDisplay(DisplaySize size) {
        this.columns = size.columns();
        this.rows = size.rows();
        this.lines = blank();
    }

    @Override
    public synchronized void show(String... text) {
        List<String> next = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            next.add(DisplayText.fit(row < text.length ? text[row] : "", columns));
        }
        this.lines = List.copyOf(next);
    }

    /** Every row exactly as wide as the display, trailing spaces included. */
    public synchronized List<String> lines() {
        return lines;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    private List<String> blank() {
        List<String> empty = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            empty.add(" ".repeat(columns));
        }
        return List.copyOf(empty);
    }
}
