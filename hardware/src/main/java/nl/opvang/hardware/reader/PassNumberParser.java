package nl.opvang.hardware.reader;

import java.util.Optional;

/**
 * Turns a keyboard-wedge reader's keystrokes into pass numbers: digits ended by Enter. Spaces and control keys are
 * skipped; a line with any other character, more than the maximum digits or fewer than {@link #MIN_DIGITS} is
 * dropped whole, because a half-right pass number would check in the wrong person.
 */
public final class PassNumberParser {

    /** Shorter lines are stray key presses, not a pass. */
    public static final int MIN_DIGITS = 4;

    private final int maxDigits;
    private final StringBuilder digits = new StringBuilder();
    private boolean spoiled;

    public PassNumberParser(int maxDigits) {
        this.maxDigits = checkMaxDigits(maxDigits);
    }

    static int checkMaxDigits(int maxDigits) {
        if (maxDigits < MIN_DIGITS || maxDigits > 64) {
            throw new IllegalArgumentException("maxDigits must be between " + MIN_DIGITS + " and 64, was " + maxDigits);
        }
        return maxDigits;
    }

    /** Feeds one key; a pass number when this Enter completes a valid line. */
    public Optional<String> key(char c) {
        if (c == '\n' || c == '\r') {
            Optional<String> line = !spoiled && digits.length() >= MIN_DIGITS
                    ? Optional.of(digits.toString()) : Optional.empty();
            digits.setLength(0);
            spoiled = false;
            return line;
        }
        if (c >= '0' && c <= '9') {
            if (digits.length() < maxDigits) {
                digits.append(c);
            } else {
                spoiled = true;
            }
        } else if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
            spoiled = true;
        }
        return Optional.empty();
    }
}
