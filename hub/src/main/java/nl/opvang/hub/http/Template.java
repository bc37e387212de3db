package nl.opvang.hub.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML file of {@code nl/opvang/hub/web/} with {@code {{name}}} placeholders: the one way the hub renders a page on
 * the server. A value is escaped unless it is {@link Html} (another filled template, or escaped text), so a name typed
 * by someone can never become markup; the strict Content-Security-Policy forbids inline script besides. Every
 * placeholder needs a value and every value a placeholder, so a misspelt name fails the first test that renders it.
 * Repeated parts (table rows) are templates of their own, filled once per row and joined ({@link Html#join}).
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9-]+)}}");

    private final String name;
    // Literal text and placeholder names, alternating: text, name, text, ..., text.
    private final List<String> parts = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Template(String name, String text) {
        this.name = name;
        Matcher matcher = PLACEHOLDER.matcher(text);
        int last = 0;
        while (matcher.find()) {
            parts.add(text.substring(last, matcher.start()));
            parts.add(matcher.group(1));
            names.add(matcher.group(1));
            last = matcher.end();
        }
        parts.add(text.substring(last));
    }

    /** The template in the file {@code nl/opvang/hub/web/<name>}, read once. */
    public static Template of(String name) {
        return new Template(name, Resources.text(name));
    }

    /** The page with every placeholder replaced by its value: {@link Html} as it is, anything else escaped. */
    public Html fill(Map<String, ?> values) {
        if (!values.keySet().equals(names)) {
            throw new IllegalArgumentException("template " + name + " has placeholders " + names + ", given " + values.keySet());
        }
        StringBuilder page = new StringBuilder(parts.size() * 64);
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                page.append(parts.get(i));
            } else {
                Object value = values.get(parts.get(i));
                page.append(value instanceof Html html ? html.markup() : Html.escape(value == null ? null : value.toString()));
            }
        }
        return new Html(page.toString());
    }

    /** The template without placeholders, as it is. */
    public Html fill() {
        return fill(Map.of());
    }
}
