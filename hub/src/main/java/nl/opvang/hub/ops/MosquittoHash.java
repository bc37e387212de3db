package nl.opvang.hub.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a password against a hash in Mosquitto's {@code password_file} format, so that the hub's embedded broker
 * accepts exactly the passwords Mosquitto would: {@code $7$iterations$salt$hash} (PBKDF2-HMAC-SHA512, 64 bytes, what
 * {@code mosquitto_passwd} writes in 2.x) and {@code $6$salt$hash} (SHA-512 of password then salt, 1.x). Salt and hash
 * are base64. Any other form is refused, never accepted.
 */
public final class MosquittoHash {
    private static final int PBKDF2_BYTES = 64;
    private static final int MAX_ITERATIONS = 1_000_000;

    private MosquittoHash() {
    }

    /** Whether {@code password} matches {@code hash}; false for a hash in a form we do not know. */
    public static boolean matches(byte[] password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        String[] parts = hash.split("\\$", -1);
        try {
            if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
                int iterations = Integer.parseInt(parts[2]);
                if (iterations < 1 || iterations > MAX_ITERATIONS) {
                    return false;
                }
                byte[] expected = Base64.getDecoder().decode(parts[4]);
                return MessageDigest.isEqual(pbkdf2(password, Base64.getDecoder().decode(parts[3]), iterations), expected);
            }
            if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("6")) {
                MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                sha512.update(password);
                sha512.update(Base64.getDecoder().decode(parts[2]));
                return MessageDigest.isEqual(sha512.digest(), Base64.getDecoder().decode(parts[3]));
            }
        } catch (IllegalArgumentException notOurs) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks SHA-512", e);
        }
        return false;
    }

    /** As {@link #matches(byte[], String)} for a text password. */
    public static boolean matches(String password, String hash) {
        return password != null && matches(password.getBytes(StandardCharsets.UTF_8), hash);
    }

    /** PBKDF2-HMAC-SHA512 over raw bytes (RFC 8018 §5.2); one block, since SHA-512 gives the 64 bytes Mosquitto keeps. */
    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA512");
        // An empty key is not allowed by SecretKeySpec; Mosquitto never hashes an empty password either.
        if (password.length == 0) {
            return new byte[0];
        }
        mac.init(new SecretKeySpec(password, "HmacSHA512"));
        mac.update(salt);
        mac.update(ByteBuffer.allocate(4).putInt(1).array());
        byte[] u = mac.doFinal();
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        return Arrays.copyOf(t, PBKDF2_BYTES);
    }
}
