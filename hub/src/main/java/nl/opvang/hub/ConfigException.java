package nl.opvang.hub;

/** A problem with how the hub was started. Main prints the message as one line and exits with code 2. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
