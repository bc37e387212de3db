package nl.opvang.hub.account;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226): HMAC-SHA-1, 30-second
 * steps, 6 digits. A code of the step before or after is accepted too (RFC 6238 §5.2: allow one step of clock drift).
 * A code logs in once: the caller keeps the last step used per account and accepts only a later one (RFC 6238 §5.2:
 * "MUST NOT accept the second attempt of the same OTP"; see {@link Accounts#useTotpStep}).
 */
public final class Totp {
    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new random secret of 160 bits (RFC 4226 §4 recommends 160), in Base32 as apps expect it. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    /** Whether {@code code} is the code of {@code now}'s step or of one step either side. */
    public static boolean verify(String base32Secret, String code, Instant now) {
        return matchingStep(base32Secret, code, now) >= 0;
    }

    /** The step ({@code now}'s, or one either side) whose code {@code code} is, or -1 when none. */
    static long matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        byte[] key = fromBase32(base32Secret);
        long step = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        long matched = -1;
        for (long candidate = step - 1; candidate <= step + 1; candidate++) {
            // Compare all three without stopping early, so timing does not tell which step matched.
            if (MessageDigest.isEqual(code(key, candidate, "HmacSHA1", DIGITS).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                matched = candidate;
            }
        }
        return matched;
    }

    /** The code for {@code now} (for tests and for showing that a new secret works). */
    public static String code(String base32Secret, Instant now) {
        return code(fromBase32(base32Secret), Math.floorDiv(now.getEpochSecond(), STEP_SECONDS), "HmacSHA1", DIGITS);
    }

    /** RFC 4226 §5.3 HOTP: HMAC of the big-endian counter, dynamic truncation, modulo 10^digits. */
    static String code(byte[] key, long counter, String algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hmac = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hmac[hmac.length - 1] & 0x0f;
            int binary = ((hmac[offset] & 0x7f) << 24) | ((hmac[offset + 1] & 0xff) << 16)
                    | ((hmac[offset + 2] & 0xff) << 8) | (hmac[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** The {@code otpauth://} URI an authenticator app reads (as a QR code, or typed in). */
    public static String uri(String issuer, String username, String base32Secret) {
        String label = URLEncoder.encode(issuer + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte each : bytes) {
            buffer = (buffer << 8) | (each & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] fromBase32(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char each : clean.toCharArray()) {
            int value = BASE32.indexOf(each);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: " + each);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
