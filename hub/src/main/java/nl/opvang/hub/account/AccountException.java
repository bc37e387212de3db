package nl.opvang.hub.account;

/** A request about accounts that cannot be honoured; the message is Dutch and meant for the person (HTTP 400). */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }
}
