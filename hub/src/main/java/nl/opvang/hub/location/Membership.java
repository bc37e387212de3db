package nl.opvang.hub.location;

import java.time.LocalDate;
import java.util.List;

/**
 * A municipality's membership of the region over time, per domain (docs/DESIGN.md §7): {@code mo} (maatschappelijke
 * opvang) and {@code vo} (vrouwenopvang). {@code from} is inclusive, {@code until} exclusive; {@code null} means open
 * ended. Veenendaal, for example, left the Amersfoort region for MO in 2022 but stays for the vrouwenopvang: two
 * memberships.
 */
public record Membership(String municipality, LocalDate from, LocalDate until, List<String> domains) {
    public static final List<String> ALL_DOMAINS = List.of("mo", "vo");

    public Membership {
        domains = domains == null || domains.isEmpty() ? ALL_DOMAINS : List.copyOf(domains);
    }

    /** A member for both domains, always (a plain name in the region file). */
    public static Membership always(String municipality) {
        return new Membership(municipality, null, null, ALL_DOMAINS);
    }

    /** Whether this membership covers {@code domain} on {@code day}. */
    public boolean covers(String domain, LocalDate day) {
        return domains.contains(domain) && (from == null || !day.isBefore(from)) && (until == null || day.isBefore(until));
    }
}
