package nl.opvang.gateway;

/**
 * Who may connect to the embedded broker and which topics each login may write and read (the embedded counterpart of
 * Mosquitto's {@code password_file}, {@code acl_file} and {@code use_username_as_clientid}). The hub supplies one built
 * from the files {@code broker-config} writes; the demo runs {@link #OPEN}.
 */
public interface BrokerAccess {
    /** Anyone, anonymous or not, with any client id, on any topic: the demo and quick tests only. */
    BrokerAccess OPEN = new BrokerAccess() {
        @Override
        public boolean open() {
            return true;
        }

        @Override
        public boolean login(String clientId, String user, byte[] password) {
            return true;
        }

        @Override
        public boolean mayWrite(String user, String topic) {
            return true;
        }

        @Override
        public boolean mayRead(String user, String topicFilter) {
            return true;
        }
    };

    /** Whether anonymous clients are let in ({@link #OPEN} only). */
    default boolean open() {
        return false;
    }

    /** Whether {@code user} with {@code password} may connect asking for {@code clientId}; {@code password} may be null. */
    boolean login(String clientId, String user, byte[] password);

    /** Whether {@code user} may publish on {@code topic}. */
    boolean mayWrite(String user, String topic);

    /** Whether {@code user} may subscribe to {@code topicFilter} (which may hold {@code +} and {@code #}). */
    boolean mayRead(String user, String topicFilter);
}
