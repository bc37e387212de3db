package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 10: the tab icon, a small SVG, where pages link it and where browsers look by themselves. */
class FaviconTest {
    @TempDir
    Path dataDir;

    @Test
    void the_icon_is_served_as_svg_to_anyone_and_the_login_page_links_it() {
        try (WebFixture hub = new WebFixture(dataDir)) {
            for (String path : new String[] {"/favicon.svg", "/favicon.ico"}) {
                HttpResponse<String> icon = hub.get(path, null);
                assertEquals(200, icon.statusCode(), path);
                assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElseThrow(), path);
                assertTrue(icon.body().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), icon.body());
                assertTrue(icon.body().length() < 1024, "small: " + icon.body().length());
            }
            assertTrue(hub.get("/login", null).body().contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
        }
    }
}
