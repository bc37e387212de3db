package nl.opvang.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract's field formats, checked by loops (Format), agree with the regular expressions they replace. */
class FormatTest {
    /** Each format with the regex it replaced, word for word, and a value of that format to mutate. */
    static final Map<Format, String[]> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put(Check.CODE, new String[] {"[a-z0-9][a-z0-9-]{0,31}", "kw-vo-1"});
        FORMATS.put(Check.BED, new String[] {"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", "A12.b_c-3"});
        FORMATS.put(Check.SESSION, new String[] {"[A-Za-z0-9-]{8,64}", "3f2b8c1e-aaaa-4bbb"});
        FORMATS.put(Check.TOKEN, new String[] {"[a-z0-9]{1,8}:[A-Za-z0-9+/=_-]{8,128}", "k1:Ab+/=_-0123456789"});
        FORMATS.put(Check.ORIGIN, new String[] {"([0-9]{4}|passant|unknown)", "0307"});
        FORMATS.put(Check.CATEGORY, new String[] {"[a-z][a-z0-9_-]{0,31}", "eigen-woning_2"});
        FORMATS.put(Check.UUID, new String[] {"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "123e4567-e89b-12d3-A456-426614174000"});
        FORMATS.put(Check.TIME, new String[] {
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})",
            "2026-12-07T03:12:00.123456789+01:00"});
        FORMATS.put(HubCounts.FRESHNESS, new String[] {"(live|stale|offline)", "stale"});
    }

    private static final String ALPHABET = "az09AZ-._:+/=Tt Z\u00e9\u0000\n";

    @Test
    void each_format_says_the_regex_it_replaced() {
        FORMATS.forEach((format, regex) -> assertEquals(regex[0], format.regex()));
    }

    @Test
    void each_format_agrees_with_its_regex_on_valid_values_their_mutations_and_random_strings() {
        Random random = new Random(20261207);
        int accepted = 0;
        for (Map.Entry<Format, String[]> entry : FORMATS.entrySet()) {
            Format format = entry.getKey();
            Pattern regex = Pattern.compile(entry.getValue()[0]);
            for (String value : candidates(entry.getValue()[1], random)) {
                boolean expected = regex.matcher(value).matches();
                assertEquals(expected, format.matches(value), () -> format + " on \"" + value + "\"");
                accepted += expected ? 1 : 0;
            }
        }
        assertTrue(accepted > 1_000, "the candidates include many valid values, not only invalid ones: " + accepted);
    }

    @Test
    void a_run_that_could_eat_what_follows_is_refused_when_built() {
        assertThrows(IllegalArgumentException.class, () -> Format.builder().run("a-z", 1, 8).literal("b").build());
        assertFalse(Format.builder().run("a-z", 1, 1).run("a-z", 0, 3).build().matches(""));
    }

    /** The value, each of its one-character mutations, truncations and repeats, and random strings of the alphabet. */
    private static List<String> candidates(String valid, Random random) {
        List<String> values = new ArrayList<>(List.of(valid, "", valid + valid, valid.toUpperCase(), valid.toLowerCase(),
                "passant", "unknown", "Z", "2026-12-07T03:12:00Z", "live", "offline", "liveX"));
        for (int i = 0; i <= valid.length(); i++) {
            values.add(valid.substring(0, i));
            values.add(valid.substring(i));
            for (char c : ALPHABET.toCharArray()) {
                values.add(valid.substring(0, i) + c + valid.substring(i));
                if (i < valid.length()) {
                    values.add(valid.substring(0, i) + c + valid.substring(i + 1));
                }
            }
            if (i < valid.length()) {
                values.add(valid.substring(0, i) + valid.substring(i + 1));
            }
        }
        for (int n = 0; n < 3_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(n % 10 == 0 ? 140 : 40);
            for (int i = 0; i < length; i++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            values.add(value.toString());
            values.add(value.length() > 4 ? valid.substring(0, Math.min(valid.length(), 4)) + value : value.toString());
        }
        for (int n = 0; n < 1_000; n++) { // valid-looking values of random lengths: runs at and past their bounds
            StringBuilder value = new StringBuilder(valid);
            int extra = random.nextInt(140);
            for (int i = 0; i < extra; i++) {
                value.append(valid.charAt(random.nextInt(valid.length())));
            }
            values.add(value.toString());
            values.add(value.substring(0, random.nextInt(value.length() + 1)));
        }
        return values;
    }
}
