package nl.opvang.hub.location;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whom a place is for, or a condition it meets (docs/DESIGN.md §4, issue 14): a closed list, so that a region file, a
 * filter and a page speak of the same groups. The wire name is the lower-case constant ({@code young_mothers}); the
 * Dutch word is {@code group.<wire>} in web/words.properties. {@code region.schema.json} lists the same names.
 */
public enum TargetGroup {
    MEN, WOMEN, FAMILIES, YOUNG_MOTHERS, UNDER_18, AGE_18_23, TRAFFICKING, ADDICTION, PETS, WHEELCHAIR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TargetGroup> fromWire(String wire) {
        return Arrays.stream(values()).filter(group -> group.wire().equals(wire)).findFirst();
    }

    /** Whether a place for this group takes a parent with children (families, young mothers; docs/DESIGN.md §4). */
    public boolean takesChildren() {
        return this == FAMILIES || this == YOUNG_MOTHERS;
    }

    /** The wire names, for a message that says which exist. */
    public static String wireNames() {
        return Arrays.stream(values()).map(TargetGroup::wire).collect(Collectors.joining(", "));
    }
}
