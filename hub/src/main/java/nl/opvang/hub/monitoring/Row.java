package nl.opvang.hub.monitoring;

/** One line of an answer: the part of the figure ({@code part}), a code and its Dutch label, and the number. */
public record Row(String part, String code, String label, Cell cell) {
}
