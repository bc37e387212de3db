package nl.opvang.hub.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Mosquitto's {@code acl_file} language that {@link BrokerConfig#acl} writes ({@code user NAME},
 * {@code topic [read|write|readwrite] FILTER}, comments), read for the hub's embedded broker so that it grants exactly
 * what Mosquitto would with the same file. Anything else ({@code pattern}, {@code deny}, rules outside a user block) is
 * refused with its line number rather than guessed at.
 */
public final class AclFile {
    private final Map<String, List<Rule>> rules;

    private AclFile(Map<String, List<Rule>> rules) {
        this.rules = rules;
    }

    /** One grant: {@code filter} may be read (subscribed) and/or written (published to). */
    record Rule(boolean read, boolean write, String filter) {
    }

    /** Parses the file's text; an {@link IllegalArgumentException} names the first line it cannot take. */
    public static AclFile parse(String text) {
        Map<String, List<Rule>> rules = new HashMap<>();
        List<Rule> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("user") && words.length == 2) {
                current = rules.computeIfAbsent(words[1], user -> new ArrayList<>());
            } else if (words[0].equals("topic") && current != null && (words.length == 2 || words.length == 3)) {
                String access = words.length == 3 ? words[1] : "readwrite";
                String filter = words[words.length - 1];
                switch (access) {
                    case "read" -> current.add(new Rule(true, false, filter));
                    case "write" -> current.add(new Rule(false, true, filter));
                    case "readwrite" -> current.add(new Rule(true, true, filter));
                    default -> throw new IllegalArgumentException("acl line " + (i + 1) + ": unknown access '" + access + "'");
                }
            } else {
                throw new IllegalArgumentException("acl line " + (i + 1) + ": not a line broker-config writes ('"
                        + (line.length() > 40 ? line.substring(0, 40) + "…" : line) + "')");
            }
        }
        return new AclFile(rules);
    }

    /** Whether {@code user} may publish on {@code topic}. */
    public boolean mayWrite(String user, String topic) {
        return user != null && rules.getOrDefault(user, List.of()).stream()
                .anyMatch(rule -> rule.write() && covers(rule.filter(), topic));
    }

    /** Whether {@code user} may subscribe to {@code filter}: an ACL filter must cover all of it, wildcards included. */
    public boolean mayRead(String user, String filter) {
        return user != null && rules.getOrDefault(user, List.of()).stream()
                .anyMatch(rule -> rule.read() && covers(rule.filter(), filter));
    }

    public List<String> users() {
        return Collections.unmodifiableList(new ArrayList<>(rules.keySet()));
    }

    /**
     * Whether ACL filter {@code acl} covers every topic {@code wanted} can name: level by level, {@code #} in the ACL
     * covers the rest, {@code +} covers one level (also a {@code +} asked for, never a {@code #}), a literal only itself.
     */
    static boolean covers(String acl, String wanted) {
        String[] granted = acl.split("/", -1);
        String[] asked = wanted.split("/", -1);
        for (int i = 0; i < granted.length; i++) {
            if (granted[i].equals("#")) {
                return true;
            }
            if (i >= asked.length) {
                return false;
            }
            if (granted[i].equals("+")) {
                if (asked[i].equals("#")) {
                    return false;
                }
            } else if (!granted[i].equals(asked[i])) {
                return false;
            }
        }
        return granted.length == asked.length;
    }
}
