package nl.opvang.device.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.opvang.device.config.ConfigProblem;
import nl.opvang.hardware.ReaderStatus;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;

/**
 * The kiosk's Dutch words (docs/DESIGN.md §6's table, kept in {@code words.properties} beside the page, the one source
 * on the node for Java and kiosk.js) and plain-Dutch versions of the node's English refusals and problems.
 */
public final class Dutch {
    static final String NO_PASS = "Geen pasnummer: houd de pas bij de lezer of typ het nummer";
    static final String NOTHING_STORED = "Dat lukte niet. Er is niets bewaard.";
    static final String STORE_FAILED = "Opslaan lukte niet. Er is niets bewaard. Bel de beheerder als dit blijft gebeuren.";
    static final String REGION_UNAVAILABLE = "Niet beschikbaar zonder verbinding met de centrale";

    private static final String FILE = "words.properties";
    private static final Map<String, String> WORDS = load();

    // Order matters: the first fragment found in the node's message wins.
    private static final Map<String, String> REFUSALS = new LinkedHashMap<>();

    static {
        REFUSALS.put("is closed by a capacity limit", "Dit bed is gesloten: de centrale heeft het aantal plekken verlaagd");
        REFUSALS.put("is not in the future", "Die eindtijd is al voorbij. Kies een latere dag of tijd.");
        REFUSALS.put("is more nood places than", "Zoveel noodbedden heeft deze locatie niet");
        REFUSALS.put("nood is not a count-only kind", "Deze locatie heeft geen noodbedden");
        REFUSALS.put("is occupied, not free", "Dit bed is al bezet");
        REFUSALS.put("is out of service, not free", "Dit bed is buiten gebruik");
        REFUSALS.put("is cleaning, not free", "Dit bed wordt schoongemaakt");
        REFUSALS.put("is held, not free", "Dit bed is gereserveerd");
        REFUSALS.put("nobody to check out", "Dit bed is niet bezet: er is niemand om uit te checken");
        REFUSALS.put("occupied by someone with another pass", "Deze pas hoort niet bij dit bed");
        REFUSALS.put("check the client out first", "Dit bed is bezet: check eerst uit");
        REFUSALS.put("becomes occupied by a check-in", "Een bed wordt bezet door in te checken");
        REFUSALS.put("is not a bed of this location", "Dit bed bestaat hier niet");
        REFUSALS.put("no pass number given", NO_PASS);
        REFUSALS.put("(or it ended)", "Deze aanvraag bestaat niet meer (verlopen of ingetrokken)");
        REFUSALS.put("was accepted at the hub", "Deze plaatsing is al geaccepteerd: check de persoon in bij aankomst");
        REFUSALS.put("places are closed", "Deze plekken zijn gesloten");
        REFUSALS.put("no free", "Er is geen plek van deze soort vrij");
    }

    private Dutch() {
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = Dutch.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the device jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> words = new TreeMap<>();
        properties.forEach((key, value) -> words.put((String) key, (String) value));
        return Collections.unmodifiableMap(words);
    }

    /** A word of the kiosk by its key in words.properties; the key itself when it is missing. */
    public static String word(String key) {
        return WORDS.getOrDefault(key, key);
    }

    /** The location's time zone: every day and hour on the kiosk and the panel is local. */
    public static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    /** The default end of noodbedden opened at the location: the next day 12:00 local (docs/DESIGN.md §3). */
    public static Instant defaultNoodUntil(Instant now) {
        return LocalDate.ofInstant(now, LOCAL).plusDays(1).atTime(12, 0).atZone(LOCAL).toInstant();
    }

    /** "di 8 dec 12:00", local time (the kiosk's words for days and months). */
    public static String dayTime(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, LOCAL);
        return day(local.toLocalDate()) + " " + String.format(Locale.ROOT, "%02d:%02d", local.getHour(), local.getMinute());
    }

    /** "di 8 dec". */
    static String day(LocalDate date) {
        return word("day." + date.getDayOfWeek().getValue()) + " " + date.getDayOfMonth() + " "
                + word("month." + date.getMonthValue());
    }

    /**
     * What the kiosk says after a rights request (issue 17): sent, the reference to quote, and for access what this
     * location itself holds under the pass (counts and days, nothing more).
     */
    static String privacy(String right, String reference, nl.opvang.device.node.LocalStays local) {
        String sent = word("privacy.sent." + right).replace("{0}", reference);
        if (local == null) {
            return sent;
        }
        if (local.days().isEmpty()) {
            return sent + " " + word("privacy.localNothing");
        }
        return sent + " " + word("privacy.local").replace("{0}", String.valueOf(local.checkIns()))
                .replace("{1}", String.valueOf(local.checkOuts()))
                .replace("{2}", String.join(", ", local.days().stream().map(Dutch::day).toList()));
    }

    /** A bed's status: "vrij", "bezet", "gereserveerd", "buiten gebruik", "schoonmaak". */
    static String status(PlaceStatus status) {
        return WORDS.getOrDefault("status." + status.wire(), status.wire());
    }

    /** "crisisplek". */
    static String kind(Kind kind) {
        return WORDS.getOrDefault("kind." + kind.wire(), kind.wire());
    }

    /** The label of a big number on the main screen: "Vrij: 3 · Crisis: 1 · Noodbed: 0" (docs/DESIGN.md §6). */
    static String countLabel(Kind kind) {
        return WORDS.getOrDefault("count." + kind.wire(), kind.wire());
    }

    /**
     * The button panel's LCD label for the free places of a kind, plural and capitalised ("Crisisplekken"); a shorter
     * one ("Crisis") for a narrow display.
     */
    public static String panelLabel(Kind kind, boolean narrow) {
        String key = "panel." + kind.wire();
        return narrow ? WORDS.getOrDefault(key + ".short", WORDS.getOrDefault(key, kind.wire()))
                : WORDS.getOrDefault(key, kind.wire());
    }

    /** {@code GET /words.js}: the same words for kiosk.js, as {@code window.opvangWords}. */
    static byte[] script(ObjectMapper mapper) {
        try {
            return ("// The kiosk's Dutch words, from " + FILE + " (docs/DESIGN.md §6).\n'use strict';\nwindow.opvangWords = "
                    + mapper.writeValueAsString(WORDS) + ";\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the kiosk's words cannot be written as JSON", e);
        }
    }

    /** A refusal of the node (English, naming a bed, never a pass number) as a sentence for staff. */
    static String refusal(String english) {
        String message = english == null ? "" : english;
        for (Map.Entry<String, String> entry : REFUSALS.entrySet()) {
            if (message.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return NOTHING_STORED;
    }

    static String connection(boolean hubConnected, long pending) {
        if (hubConnected) {
            return pending == 0 ? "Verbonden met centrale" : "Verbonden met centrale (" + pending + " wachtend)";
        }
        return "Geen verbinding — alles wordt bewaard en later verstuurd (" + pending + " wachtend)";
    }

    /** The reader line; null when the reader is ready (nothing to say). */
    static String reader(ReaderStatus status) {
        if (status == null || status == ReaderStatus.MISSING) {
            return "Geen kaartlezer gevonden — typ het pasnummer";
        }
        if (status == ReaderStatus.READY) {
            return null;
        }
        return status.dutch() + " — typ het pasnummer";
    }

    /** A config that cannot be used, for the problem screen. */
    static String configProblem(ConfigProblem problem) {
        return "De instellingen kloppen niet: " + field(problem) + ". Bel de beheerder.";
    }

    static String storageProblem() {
        return "De gegevensmap van de kiosk kan niet worden gebruikt. Er wordt niets bewaard. Bel de beheerder.";
    }

    private static String field(ConfigProblem problem) {
        String message = problem.getMessage();
        String field = problem.field();
        if ("file".equals(field)) {
            if (message.contains("cannot be read")) {
                return "het bestand kan niet worden gelezen";
            }
            if (message.contains("not valid JSON")) {
                return "het bestand is geen geldige JSON" + message.replaceAll(".*(at line [0-9]+).*", " ($1)").replace("at line", "regel");
            }
            return "het bestand heeft de verkeerde vorm";
        }
        if (message.endsWith("is missing")) {
            return "‘" + field + "’ ontbreekt";
        }
        if (message.endsWith("is not a known field")) {
            return "‘" + field + "’ is geen bekend veld";
        }
        return "‘" + field + "’ is niet goed";
    }
}
