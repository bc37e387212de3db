package nl.opvang.hub.http;

import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.TurnAwayReason;

/**
 * The hub's Dutch words of docs/DESIGN.md §6 — kinds of place, statuses, freshness, hold states, roles — read once from
 * the one file that holds them, {@code nl/opvang/hub/web/words.properties}, and served to the pages as
 * {@code /words.js}, so that a page's script says what the server says. Keys are wire names ({@code kind.crisis},
 * {@code hold.accepted}); a missing key is a bug and fails at once.
 */
public final class Words {
    private static final String FILE = "words.properties";
    private static final String TURN_AWAY = "turnAway.";
    private static final Map<String, String> WORDS = load();

    private Words() {
    }

    /** The word under {@code key}, e.g. {@code kind.crisis} → "crisisplek". */
    public static String word(String key) {
        String word = WORDS.get(key);
        if (word == null) {
            throw new IllegalArgumentException("no word " + key + " in " + FILE);
        }
        return word;
    }

    /**
     * What an audit entry records, in words ({@code audit.action.secret.read} → "contactgegevens geheime locatie
     * geopend"); an action without a word yet shows its code rather than failing the page that lists it.
     */
    public static String auditAction(String action) {
        return WORDS.getOrDefault("audit.action." + action, action);
    }

    /** "crisisplek". */
    public static String kind(Kind kind) {
        return word("kind." + kind.wire());
    }

    /** "crisisplek" for one, "crisisplekken" for any other count. */
    public static String kind(Kind kind, long count) {
        return count == 1 ? kind(kind) : word("kind." + kind.wire() + ".many");
    }

    /** "Crisisplek": a column head. */
    public static String column(Kind kind) {
        return capitalised(kind(kind));
    }

    /** "Crisisplek" for the wire name {@code crisis}: a kind as a CSV cell shows it to someone in a spreadsheet. */
    public static String kindColumn(String wire) {
        return capitalised(word("kind." + wire));
    }

    /** How fresh a location's figures are, by the wire name: {@code stale} → "stil". */
    public static String freshness(String wire) {
        return word("freshness." + wire);
    }

    /** The column head of every kind, as {@code column-<kind>} → "Crisisplek", for a {@link Template}. */
    public static Map<String, String> columns() {
        Map<String, String> columns = new TreeMap<>();
        for (Kind kind : Kind.values()) {
            columns.put("column-" + kind.wire(), column(kind));
        }
        return columns;
    }

    /**
     * A turn-away reason by its wire code, older codes included ({@code vol} → "Vol"), from the protocol's vocabulary;
     * the pages read the same labels as {@code turnAway.<code>}.
     */
    public static String turnAwayReason(String wire) {
        return TurnAwayReason.fromWire("reason", wire).label();
    }

    /** A hold's state by its wire name, as the pages say it: "geaccepteerd". */
    public static String holdState(String wire) {
        return word("hold." + wire);
    }

    /** A hold's state after "Deze aanvraag is al …". */
    public static String holdStateAlready(String wire) {
        return WORDS.getOrDefault("hold." + wire + ".already", holdState(wire));
    }

    /** Who asks, by the role's wire name, as a hold says it: "Veilig Thuis", "VO-toegang". */
    public static String requester(String roleWire) {
        return word("requester." + roleWire);
    }

    /** The first letter in capitals. */
    public static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Every word by its key. */
    public static Map<String, String> all() {
        return WORDS;
    }

    /**
     * {@code GET /words.js}: the words for the pages' scripts, as {@code window.opvangWords}; page.js reads them. A
     * script rather than JSON to fetch, so they are there before any page script runs. Public (words only) and
     * cacheable like every static file.
     */
    public static Handler script() {
        return ctx -> Resources.cacheable(ctx.contentType("text/javascript; charset=utf-8")).result(
                "// The hub's Dutch words, from " + FILE + " (docs/DESIGN.md §6).\n'use strict';\nwindow.opvangWords = "
                        + ctx.jsonMapper().toJsonString(WORDS, Map.class) + ";\n");
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = Words.class.getResourceAsStream(Resources.FOLDER + FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the hub jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> words = new TreeMap<>();
        properties.forEach((key, value) -> words.put((String) key, (String) value));
        // Turn-away reasons keep their Dutch labels in the protocol's one vocabulary, not in this file.
        for (TurnAwayReason reason : TurnAwayReason.values()) {
            words.put(TURN_AWAY + reason.wire(), reason.label());
        }
        return Collections.unmodifiableMap(words);
    }
}
