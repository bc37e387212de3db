package nl.opvang.hub.waitlist;

import java.security.SecureRandom;

/**
 * The waiting list's pseudonym: a random reference such as {@code W-7K3M-Q9XD}, made by the hub, which the CT writes
 * in its own client file. The hub's tokens cannot serve: a node makes them from a pass number with a key the hub (and
 * the CT) never has (docs/DESIGN.md §5), and a reference the CT typed could carry a name. 40 random bits in an alphabet
 * without look-alikes (no I, L, O, U, 0, 1), so it can be read out over the phone.
 */
final class Reference {
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Reference() {
    }

    static String next() {
        StringBuilder text = new StringBuilder("W-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                text.append('-');
            }
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
