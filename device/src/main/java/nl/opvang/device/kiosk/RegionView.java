package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;

/**
 * "Vrij bij andere locaties" on the kiosk (issue 15 items 7 and 11): every other open location with its free places,
 * how fresh they are and whom to call, and the secret ones only as "Vrouwenopvang: bel 088 …", so that night staff
 * can refer someone at the door. The list is the hub's last summary, kept on the node; while the hub is unreachable it
 * is shown marked with its age ("stand van 03:12, 2 uur oud"), so that staff can still phone round.
 */
final class RegionView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Europe/Amsterdam"));

    private RegionView() {
    }

    /** Writes the region part of the page's state: {@code counts} may be null (the hub never sent any). */
    static void write(ObjectNode out, HubCounts counts, String ownSite, boolean hubConnected, Instant now) {
        out.put("available", counts != null);
        if (counts == null) {
            out.put("text", Dutch.REGION_UNAVAILABLE);
            return;
        }
        out.put("old", !hubConnected);
        out.put("text", hubConnected ? "Laatst bevestigd om " + CLOCK.format(counts.at())
                : "Geen verbinding met de centrale. Stand van " + CLOCK.format(counts.at()) + ", "
                        + age(Duration.between(counts.at(), now)) + ". Bel eerst of er nog plek is.");
        ArrayNode locations = out.putArray("locations");
        for (HubCounts.LocationCount location : counts.locations()) {
            if (location.code().equals(ownSite)) {
                continue;
            }
            ObjectNode item = locations.addObject();
            item.put("name", location.name());
            item.put("free", free(location.free()));
            item.put("fresh", location.freshness() == null || "live".equals(location.freshness()));
            if (!item.get("fresh").asBoolean()) {
                item.put("free", location.confirmedAt() == null ? "Geen actuele cijfers"
                        : "Geen actuele cijfers (laatst " + CLOCK.format(location.confirmedAt()) + ")");
            }
            if (location.phone() != null && !location.phone().isBlank()) {
                item.put("phone", location.phone());
            }
        }
        // A secret location only as whom to call; several with one number are one line.
        Set<String> secret = new LinkedHashSet<>();
        for (HubCounts.SecretLocation location : counts.secretLocations()) {
            if (location.phone() != null && !location.phone().isBlank()) {
                secret.add(location.name() + ": bel " + location.phone());
            }
        }
        ArrayNode lines = out.putArray("secret");
        secret.forEach(lines::add);
    }

    /** "Vrij: 3 · Crisis: 1", or "Vol" when no place of any kind is free. */
    private static String free(Map<Kind, Integer> free) {
        StringJoiner text = new StringJoiner(" · ");
        free.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(entry -> entry.getValue() > 0)
                .forEach(entry -> text.add(Dutch.countLabel(entry.getKey()) + ": " + entry.getValue()));
        return text.length() == 0 ? "Vol" : text.toString();
    }

    /** "net", "12 min oud", "2 uur oud", "3 dagen oud". */
    static String age(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 1) {
            return "net binnen";
        }
        if (minutes < 60) {
            return minutes + " min oud";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " uur oud";
        }
        return hours / 24 + " dagen oud";
    }
}
