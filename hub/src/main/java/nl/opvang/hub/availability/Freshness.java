package nl.opvang.hub.availability;

import java.util.Locale;

/** How current a location's figures are. Only {@code LIVE} figures count as free places (docs/DESIGN.md §3). */
public enum Freshness {
    LIVE,
    STALE,
    OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    Freshness worse(Freshness other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
