package nl.opvang.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text format of a contract field, checked by a loop over its characters instead of a regular expression: the
 * ingest checks half a dozen fields per event, and {@code java.util.regex} was a tenth of the ingest thread's CPU
 * (docs/PERFORMANCE.md, issue 20). A format is a sequence of parts, each a run of characters from one set with a
 * minimum and maximum length, a literal, an optional group, or a choice of formats; {@link #regex()} says the same in
 * the contract's words (error messages, docs), and {@code FormatTest} checks the two agree on many strings.
 *
 * <p>Runs are matched greedily, which is exact only when a run cannot take a character the next part needs: the
 * builder refuses a run followed by a part that may start with a character of the run's set, unless the run's length
 * is fixed.
 */
public final class Format {
    private final Part[] parts;
    private final String regex;
    private final Pattern pattern;

    private Format(List<Part> parts, String regex) {
        this.parts = parts.toArray(Part[]::new);
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
        for (int i = 0; i + 1 < this.parts.length; i++) {
            if (this.parts[i] instanceof Run run && run.min != run.max && this.parts[i + 1].mayStartWith(run.chars)) {
                throw new IllegalArgumentException("a run of " + regex + " overlaps the part after it");
            }
        }
    }

    /** Starts a format. */
    public static Builder builder() {
        return new Builder();
    }

    /** One of the given words exactly, e.g. {@code passant|unknown}. */
    public static Format oneOf(String... words) {
        if (words.length == 1) {
            return builder().literal(words[0]).build();
        }
        Builder builder = builder();
        Format[] choices = Arrays.stream(words).map(word -> builder().literal(word).build()).toArray(Format[]::new);
        return builder.choice(choices).build();
    }

    /** Whether all of {@code value} has this format. */
    public boolean matches(String value) {
        return end(parts, 0, value, 0) == value.length();
    }

    /** The same format as a regular expression (for error messages and the docs). */
    public String regex() {
        return regex;
    }

    /** The same format compiled as a regular expression, for tests and code off the hot path. */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return regex;
    }

    /** Where {@code parts[from..]} ends when matched from {@code at}, or -1. */
    private static int end(Part[] parts, int from, String value, int at) {
        int position = at;
        for (int i = from; i < parts.length && position >= 0; i++) {
            position = parts[i].end(value, position);
        }
        return position;
    }

    /** A part of a format: where it ends when matched from {@code at}, or -1. */
    private interface Part {
        int end(String value, int at);

        /** Whether a match of this part may start with a character of {@code set}. */
        boolean mayStartWith(CharSet set);
    }

    private record Run(CharSet chars, int min, int max) implements Part {
        @Override
        public int end(String value, int at) {
            int limit = Math.min(value.length(), at + max);
            int position = at;
            while (position < limit && chars.has(value.charAt(position))) {
                position++;
            }
            return position - at >= min ? position : -1;
        }

        @Override
        public boolean mayStartWith(CharSet set) {
            return chars.meets(set) || min == 0;
        }
    }

    private record Literal(String text) implements Part {
        @Override
        public int end(String value, int at) {
            return value.startsWith(text, at) ? at + text.length() : -1;
        }

        @Override
        public boolean mayStartWith(CharSet set) {
            return text.isEmpty() || set.has(text.charAt(0));
        }
    }

    /** An optional group: taken when it matches whole here. */
    private record Maybe(Format format) implements Part {
        @Override
        public int end(String value, int at) {
            int end = Format.end(format.parts, 0, value, at);
            return end >= 0 ? end : at;
        }

        @Override
        public boolean mayStartWith(CharSet set) {
            return true;
        }
    }

    /** The first of the choices that matches here; choices of a format must not be prefixes of each other. */
    private record Choice(Format[] choices) implements Part {
        @Override
        public int end(String value, int at) {
            for (Format choice : choices) {
                int end = Format.end(choice.parts, 0, value, at);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }

        @Override
        public boolean mayStartWith(CharSet set) {
            return true;
        }
    }

    /** A set of ASCII characters, given as in a regex class: {@code "a-z0-9._-"}. */
    public record CharSet(String spec, boolean[] members) {
        public static CharSet of(String spec) {
            boolean[] members = new boolean[128];
            for (int i = 0; i < spec.length(); i++) {
                char from = spec.charAt(i);
                if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
                    for (char c = from; c <= spec.charAt(i + 2); c++) {
                        members[c] = true;
                    }
                    i += 2;
                } else {
                    members[from] = true;
                }
            }
            return new CharSet(spec, members);
        }

        boolean has(char c) {
            return c < 128 && members[c];
        }

        boolean meets(CharSet other) {
            for (int c = 0; c < 128; c++) {
                if (members[c] && other.members[c]) {
                    return true;
                }
            }
            return false;
        }

        String regex() {
            // A '-' last in the spec is literal in a regex class too; '/' and '+' need no escape inside one.
            return "[" + spec + "]";
        }
    }

    /** Builds a format part by part. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder regex = new StringBuilder();

        /** {@code min} to {@code max} characters of {@code chars}. */
        public Builder run(String chars, int min, int max) {
            CharSet set = CharSet.of(chars);
            parts.add(new Run(set, min, max));
            regex.append(set.regex()).append(min == max ? (min == 1 ? "" : "{" + min + "}") : "{" + min + "," + max + "}");
            return this;
        }

        /** Exactly {@code text}. */
        public Builder literal(String text) {
            parts.add(new Literal(text));
            for (char c : text.toCharArray()) {
                regex.append(Character.isLetterOrDigit(c) || c == ':' || c == '-' ? "" : "\\").append(c);
            }
            return this;
        }

        /** {@code format}, or nothing. */
        public Builder optional(Format format) {
            parts.add(new Maybe(format));
            regex.append('(').append(format.regex).append(")?");
            return this;
        }

        /** The first of {@code choices} that matches. */
        public Builder choice(Format... choices) {
            parts.add(new Choice(choices));
            regex.append('(').append(String.join("|", Arrays.stream(choices).map(Format::regex).toList())).append(')');
            return this;
        }

        public Format build() {
            return new Format(parts, regex.toString());
        }
    }
}
