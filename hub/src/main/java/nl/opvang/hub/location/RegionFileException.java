package nl.opvang.hub.location;

/** A region file that cannot be used. The message names the file, the line and the problem, in one line. */
public final class RegionFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegionFileException(String source, int line, String problem) {
        super(source + " line " + line + ": " + problem);
    }

    public RegionFileException(String source, String problem) {
        super(source + ": " + problem);
    }
}
