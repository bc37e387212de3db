package nl.opvang.hub.http;

import java.util.List;
import java.util.Objects;

/**
 * HTML that may be sent as it is: a filled {@link Template}, or text escaped by {@link #text(String)}. The one place
 * where the hub escapes text for HTML (element content and quoted attributes); pages put text in the browser through
 * {@code textContent} only (page.js), so there is no second escaping in script.
 */
public record Html(String markup) {
    /** Nothing. */
    public static final Html EMPTY = new Html("");

    public Html {
        Objects.requireNonNull(markup, "markup");
    }

    /** Plain text, escaped; {@code null} is the empty text. */
    public static Html text(String text) {
        return new Html(escape(text));
    }

    /** Fragments one after the other. */
    public static Html join(List<Html> parts) {
        StringBuilder joined = new StringBuilder();
        parts.forEach(part -> joined.append(part.markup));
        return new Html(joined.toString());
    }

    /** Text made safe for HTML element content and quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return markup;
    }
}
