package nl.opvang.hardware;

/** A part could not be set up; the message names the part and where it was expected. */
public final class HardwareException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }

    public HardwareException(String message) {
        super(message);
    }
}
