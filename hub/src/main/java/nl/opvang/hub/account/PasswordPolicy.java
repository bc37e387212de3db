package nl.opvang.hub.account;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Refuses new passwords that are easy to guess (issue 11): not only too short, but common, breached or patterned
 * ({@code welkom123456}, {@code aaaaaaaaaaaa}, {@code Welkom2024!!}). The check is zxcvbn4j ({@code com.nulab-inc:zxcvbn},
 * maintained, no dependencies, resolved from Maven Central here): it matches a password against its bundled lists of
 * the 30,000 most common passwords from breach corpora, English words, names and film/TV words, with keyboard
 * patterns, repeats, sequences, dates and l33t substitutions, and estimates the guesses an attacker needs. We chose it
 * over nbvcxz (larger list, but its last release is older and its entropy rule refused the long passphrases our
 * operators already use) and over Passay (which needs a dictionary file we would have to ship and maintain).
 *
 * <p>A password must reach zxcvbn's top score 4 (at least 10^10 guesses): with Argon2id an offline attacker holding a
 * copy of {@code hub.db} still needs years. The account's own name, display name and {@code opvang} count as known
 * words. The answer is Dutch, with zxcvbn's own Dutch hint where it has one. Applied wherever a password is set
 * ({@link Accounts#create}: the admin page and API, {@code --admin-password}); the demo skips it so that its accounts
 * keep the password {@code demo} the README promises.
 */
final class PasswordPolicy {
    static final int MIN_SCORE = 4;
    static final String TOO_EASY = "Dit wachtwoord is te makkelijk te raden.";
    private static final String ADVICE = "Kies een langere zin van een paar ongewone woorden, of laat het veld leeg zodat "
            + "er een wachtwoord wordt gemaakt.";
    /** zxcvbn's work grows with the length; a longer password is long enough anyway. */
    private static final int MEASURED_LENGTH = 100;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** The Dutch reason {@code password} is refused, or {@code null} when it is strong enough. */
    String refusal(String password, String... knownWords) {
        List<String> words = new ArrayList<>(List.of("opvang"));
        for (String word : knownWords) {
            if (word != null && !word.isBlank()) {
                words.add(word.toLowerCase(Locale.ROOT));
                words.addAll(List.of(word.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
            }
        }
        String measured = password.length() > MEASURED_LENGTH ? password.substring(0, MEASURED_LENGTH) : password;
        Strength strength = zxcvbn.measure(measured, words);
        if (strength.getScore() >= MIN_SCORE) {
            return null;
        }
        Feedback dutch = strength.getFeedback().withResourceBundle(
                ResourceBundle.getBundle("com/nulabinc/zxcvbn/messages", Locale.forLanguageTag("nl")));
        String hint = dutch.getWarning();
        return TOO_EASY + (hint == null || hint.isBlank() ? "" : " " + hint) + " " + ADVICE;
    }
}
