package nl.opvang.hardware;

/**
 * A character display of {@link #rows()} lines of {@link #columns()} characters.
 *
 * <p>Text goes through {@link DisplayText#fit(String, int)}: characters the display cannot draw are transliterated
 * (é → e, ĳ → ij) and each line is cut to the width. Lines past the last row are dropped; missing lines are blank.
 */
public interface Display {

    /** Replaces everything on the display with {@code lines}, one per row. */
    void show(String... lines);

    /** Characters per line. */
    int columns();

    /** Lines on the display. */
    int rows();
}
