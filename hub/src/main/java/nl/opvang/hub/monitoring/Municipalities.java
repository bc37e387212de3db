package nl.opvang.hub.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The region's municipalities with their CBS codes, the codes the nodes send as a client's origin (protocol
 * {@code Check.ORIGIN}). The region file names municipalities; the codes of the ones it may name are here. An origin
 * is classed as {@code regio} (a region municipality), {@code elders} (another code), {@code passant},
 * {@code buitenland} or {@code onbekend} (docs/MONITORING.md "Origin").
 */
final class Municipalities {
    private static final Map<String, String> CBS = Map.ofEntries(Map.entry("Amersfoort", "0307"),
            Map.entry("Baarn", "0308"), Map.entry("Bunschoten", "0313"), Map.entry("Leusden", "0327"),
            Map.entry("Nijkerk", "0267"), Map.entry("Soest", "0342"), Map.entry("Woudenberg", "0351"),
            Map.entry("Veenendaal", "0345"), Map.entry("Utrecht", "0344"), Map.entry("Barneveld", "0203"));

    private final Map<String, String> codes = new LinkedHashMap<>();

    Municipalities(List<String> regionNames) {
        for (String name : regionNames) {
            String code = CBS.get(name);
            if (code != null) {
                codes.put(name, code);
            }
        }
    }

    List<String> names() {
        return List.copyOf(codes.keySet());
    }

    /** The code of a region municipality given by name (any case) or by its code. */
    Optional<String> code(String nameOrCode) {
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(nameOrCode.toLowerCase(Locale.ROOT))
                    || entry.getValue().equals(nameOrCode)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** The name of a region municipality's code, if it is one. */
    Optional<String> name(String code) {
        return codes.entrySet().stream().filter(entry -> entry.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    /** The SQL CASE that classes an origin column. */
    String classSql(String column) {
        String list = codes.isEmpty() ? "''" : String.join(", ", codes.values().stream().map(c -> "'" + c + "'").toList());
        return "CASE WHEN " + column + " IN (" + list + ") THEN 'regio' WHEN " + column + " GLOB '[0-9][0-9][0-9][0-9]'"
                + " THEN 'elders' WHEN " + column + " IN ('passant', 'buitenland') THEN " + column
                + " ELSE 'onbekend' END";
    }
}
