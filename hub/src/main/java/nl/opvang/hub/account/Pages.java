package nl.opvang.hub.account;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The account pages' HTML. The login page is a template filled on the server; every value put into it is escaped, and
 * the strict Content-Security-Policy that web.Hardening puts on every answer forbids inline script, so a name that slipped past escaping
 * still cannot run.
 */
final class Pages {
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String LOGIN = read("login.html");

    private Pages() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char each : text.toCharArray()) {
            switch (each) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(each);
            }
        }
        return out.toString();
    }

    /**
     * The login page: an optional error message (announced to screen readers), the username typed before, and the
     * field for the app's code when it may be needed.
     */
    static String login(String message, String username, boolean askCode) {
        String alert = message == null ? ""
                : "<p id=\"message\" class=\"message\" role=\"alert\">" + escape(message) + "</p>";
        String code = !askCode ? "" : """
                <div class="field">
                  <label for="code">Code uit de app</label>
                  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                         pattern="[0-9]{6}" maxlength="6" aria-describedby="code-hint">
                  <p id="code-hint" class="hint">Zes cijfers uit je authenticator-app. Nodig voor CT, Veilig Thuis,
                    VO-loket en beheer.</p>
                </div>""";
        return LOGIN.replace("{{message}}", alert).replace("{{username}}", escape(username))
                .replace("{{code}}", code).replace("{{autofocus-username}}", username == null || username.isEmpty()
                        ? "autofocus" : "").replace("{{autofocus-password}}", username == null || username.isEmpty()
                        ? "" : "autofocus");
    }

    /** A small page with a heading, a sentence and one link (redirects, refusals). */
    static String message(String title, String text, String link, String linkText) {
        return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " — opvang</title><link rel=\"stylesheet\" href=\"/account.css\"></head>\n"
                + "<body><main class=\"narrow\"><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>"
                + "<p><a href=\"" + escape(link) + "\">" + escape(linkText) + "</a></p></main></body>\n</html>\n";
    }

    /** Sends a page; its security headers come from web.Hardening, like every answer of the hub. */
    static void send(Context ctx, int status, String html) {
        ctx.status(status).html(html);
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/nl/opvang/hub/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the hub jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
