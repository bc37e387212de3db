package nl.opvang.hub.account;

import java.util.Map;
import nl.opvang.hub.http.Html;
import nl.opvang.hub.http.Template;

/**
 * The login page: the template {@code pages/login.html} filled on the server. Every value put into it is escaped, and
 * the strict Content-Security-Policy that web.Hardening puts on every answer forbids inline script, so a name that
 * slipped past escaping still cannot run.
 */
final class LoginPage {
    private static final Template PAGE = Template.of("pages/login.html");
    private static final Template MESSAGE = Template.of("pages/login-message.html");
    private static final Html CODE = Template.of("pages/login-code.html").fill();

    private LoginPage() {
    }

    /**
     * The login page: an optional error message (announced to screen readers), the username typed before, and the
     * field for the app's code when it may be needed.
     */
    static Html render(String message, String username, boolean askCode) {
        boolean typed = username != null && !username.isEmpty();
        return PAGE.fill(Map.of(
                "message", message == null ? Html.EMPTY : MESSAGE.fill(Map.of("message", message)),
                "username", typed ? username : "",
                "code", askCode ? CODE : Html.EMPTY,
                "autofocus-username", typed ? "" : "autofocus",
                "autofocus-password", typed ? "autofocus" : ""));
    }
}
