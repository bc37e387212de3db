package nl.opvang.hub.account;

import nl.opvang.hub.http.BadRequest;

/**
 * A request about accounts that cannot be honoured; the message is Dutch and meant for the person. On the web it is
 * a {@link BadRequest} (400, mapped by {@link nl.opvang.hub.http.Errors}); the command line prints the message.
 */
public final class AccountException extends BadRequest {
    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }
}
