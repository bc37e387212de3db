package nl.opvang.hub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Template message = Template.of("pages/message.html");

    @Test
    void a_value_is_escaped_unless_it_is_html() {
        Html page = message.fill(Map.of("title", "<b>Geen \"toegang\"</b>", "text", "Tom & Jerry's",
                "link", "/login", "link-text", Html.join(List.of(Html.text("<i>"), new Html("<em>ja</em>")))));

        assertTrue(page.markup().contains("<h1>&lt;b&gt;Geen &quot;toegang&quot;&lt;/b&gt;</h1>"), page.markup());
        assertTrue(page.markup().contains("<p>Tom &amp; Jerry&#39;s</p>"), page.markup());
        assertTrue(page.markup().contains("<a href=\"/login\">&lt;i&gt;<em>ja</em></a>"), page.markup());
    }

    @Test
    void a_missing_or_unknown_placeholder_fails_at_once() {
        assertThrows(IllegalArgumentException.class, () -> message.fill(Map.of("title", "x")));
        assertThrows(IllegalArgumentException.class, () -> message.fill(Map.of("title", "x", "text", "x", "link", "x",
                "link-text", "x", "typo", "x")));
    }

    @Test
    void a_missing_template_is_a_broken_jar() {
        assertThrows(IllegalStateException.class, () -> Template.of("pages/no-such-page.html"));
    }

    @Test
    void the_message_page_reads_as_before() {
        assertEquals("""
                <!DOCTYPE html>
                <html lang="nl">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
                <title>Geen toegang — opvang</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">\
                <link rel="stylesheet" href="/account.css"></head>
                <body><main class="narrow"><h1>Geen toegang</h1><p>Alleen CT.</p>\
                <p><a href="/login">Inloggen met een ander account</a></p></main></body>
                </html>
                """, Pages.message("Geen toegang", "Alleen CT.", "/login", "Inloggen met een ander account").markup());
    }
}
