package nl.opvang.device.config;

/** A node config that cannot be used; the message is one English line naming the field (the kiosk shows it in Dutch). */
public final class ConfigProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigProblem(String field, String problem) {
        super("config field '" + field + "' " + problem);
        this.field = field;
    }

    /** The field at fault, e.g. {@code beds[2].kind}, or {@code file} when the file itself is the problem. */
    public String field() {
        return field;
    }
}
