package nl.opvang.hub.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import nl.opvang.hub.http.Role;
import org.junit.jupiter.api.Test;

/** The demo's welcome lists the start page of every role (docs/DESIGN.md §6), so each can be tried with its account. */
class DemoWelcomeTest {
    @Test
    void every_roles_start_page_is_listed() {
        List<String> listed = Demo.pages().stream().map(page -> page[1]).toList();

        assertEquals(List.of(), Arrays.stream(Role.values()).filter(role -> !listed.contains(role.startPage()))
                .map(Role::wire).toList(), "roles whose start page the demo does not list");
    }
}
