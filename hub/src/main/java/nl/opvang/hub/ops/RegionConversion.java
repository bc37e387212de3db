package nl.opvang.hub.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a region file of the old line format ({@code region}, {@code location}, {@code node}, {@code beds},
 * {@code count} lines) into the YAML of docs/DESIGN.md §7, statement by statement and with the same content; the
 * subcommand {@code region-convert} then reads the result with the hub's own reader, so every check of the new format
 * applies to it. This translates and does not judge: a wrong value is carried over for that reader to name.
 */
final class RegionConversion {
    /** What YAML reads as text without quotes; anything else (digits first, yes/no, ':' or '#') is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}][\\p{L}\\p{M}0-9 .,/()&'’+-]*");
    private static final Pattern YAML_WORD = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|~");

    private final StringBuilder yaml = new StringBuilder();
    private final List<String> municipalities = new ArrayList<>();
    private String regionHeader;
    private final StringBuilder locations = new StringBuilder();
    private String state = "start";
    private boolean countsOpen;
    private int lineNumber;

    /** The YAML for the old file's {@code lines}; {@code source} is named in the header and in problems. */
    static String convert(String source, List<String> lines) {
        RegionConversion conversion = new RegionConversion();
        for (String line : lines) {
            conversion.lineNumber++;
            conversion.line(source, line);
        }
        if (conversion.regionHeader == null) {
            throw new IllegalArgumentException(source + " heeft geen regel 'region <code> <naam>'");
        }
        return conversion.finish(source);
    }

    private void line(String source, String raw) {
        String line = raw.strip();
        int comment = line.indexOf('#');
        line = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (line.isEmpty()) {
            return;
        }
        String[] words = line.split("\\s+", 2);
        String rest = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "region" -> {
                String[] parts = rest.split("\\s+", 2);
                regionHeader = "  - code: " + scalar(parts[0]) + "\n    name: " + scalar(parts.length > 1 ? parts[1] : "") + "\n";
            }
            case "municipalities" -> {
                for (String name : rest.split(",")) {
                    if (!name.isBlank()) {
                        municipalities.add(name.strip());
                    }
                }
            }
            case "location" -> {
                locations.append("      - code: ").append(scalar(rest)).append('\n');
                state = "location";
            }
            case "name", "provider", "municipality" -> locations.append("        ").append(words[0]).append(": ")
                    .append(scalar(rest)).append('\n');
            case "phone" -> locations.append("        phone: ").append(quoted(rest)).append('\n');
            case "secret" -> locations.append("        secret: ")
                    .append(rest.equals("yes") ? "true" : rest.equals("no") ? "false" : quoted(rest)).append('\n');
            case "node" -> {
                if (state.equals("location")) {
                    locations.append("        nodes:\n");
                }
                locations.append("          - code: ").append(scalar(rest)).append('\n');
                state = "node";
                countsOpen = false;
            }
            case "beds" -> {
                String[] parts = rest.split("\\s+");
                locations.append(state.equals("node") ? "            beds:\n" : "")
                        .append("              - kind: ").append(scalar(parts[0])).append("\n                codes: [");
                for (int i = 1; i < parts.length; i++) {
                    locations.append(i > 1 ? ", " : "").append(scalar(parts[i]));
                }
                locations.append("]\n");
                state = "beds";
            }
            case "count" -> {
                String[] parts = rest.split("\\s+");
                if (!countsOpen) {
                    locations.append("            counts:\n");
                    countsOpen = true;
                }
                locations.append("              - kind: ").append(scalar(parts[0])).append('\n')
                        .append("                capacity: ").append(parts.length > 1 ? number(parts[1]) : "0").append('\n');
                if (parts.length > 2 && parts[2].equals("closed")) {
                    locations.append("                open: false\n");
                }
                state = "counts";
            }
            default -> throw new IllegalArgumentException(source + " regel " + lineNumber + ": onbekend woord '" + words[0]
                    + "' (verwacht region, municipalities, location, name, provider, municipality, phone, secret, node,"
                    + " beds of count)");
        }
    }

    private String finish(String source) {
        yaml.append("# Converted from ").append(source).append(" by 'java -jar opvang-hub.jar region-convert'.\n")
                .append("# Format: docs/DESIGN.md §7; schema: nl/opvang/hub/region.schema.json in the hub jar.\n")
                .append("regions:\n").append(regionHeader);
        if (!municipalities.isEmpty()) {
            yaml.append("    municipalities: [");
            for (int i = 0; i < municipalities.size(); i++) {
                yaml.append(i > 0 ? ", " : "").append(scalar(municipalities.get(i)));
            }
            yaml.append("]\n");
        }
        return yaml.append("    locations:\n").append(locations).toString();
    }

    private static String number(String word) {
        return word.matches("[0-9]{1,9}") ? word : quoted(word);
    }

    static String scalar(String text) {
        return PLAIN.matcher(text).matches() && !YAML_WORD.matcher(text).matches() ? text : quoted(text);
    }

    /** A YAML double-quoted scalar: JSON's escaping is YAML's. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
