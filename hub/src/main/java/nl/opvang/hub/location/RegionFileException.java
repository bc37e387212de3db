package nl.opvang.hub.location;

/**
 * A region file that cannot be used. The message names the file, the line and the problem, in one Dutch line:
 * {@code amersfoort.yaml regel 42: capacity moet een getal ≥ 0 zijn}.
 */
public final class RegionFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegionFileException(String source, int line, String problem) {
        super(source + " regel " + line + ": " + problem);
    }

    public RegionFileException(String source, String problem) {
        super(source + ": " + problem);
    }
}
