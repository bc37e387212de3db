package nl.opvang.device.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The kiosk's staff PIN, kept only as a salted PBKDF2 hash (JDK, no extra dependency) made once at load, so that the
 * PIN itself is not held in memory after start. {@link #matches} compares in constant time.
 */
public final class StaffPin {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    // A 4-digit PIN space is small whatever the cost: the throttle in the kiosk is the real guard. The hash keeps the
    // PIN out of memory and dumps; this count keeps an unlock well under a second on a busy Raspberry Pi.
    private static final int ITERATIONS = 30_000;
    private static final int BITS = 256;

    private final byte[] salt;
    private final byte[] hash;

    private StaffPin(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code pin}: 4 to 12 digits, because the kiosk's keypad has digits only. */
    public static StaffPin hash(String pin) {
        if (pin == null || !pin.matches("[0-9]{4,12}")) {
            throw new IllegalArgumentException("staffPin must be 4 to 12 digits");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new StaffPin(salt, derive(pin, salt));
    }

    /** True when {@code attempt} is the PIN; the comparison takes the same time wherever the first difference is. */
    public boolean matches(String attempt) {
        if (attempt == null || attempt.isEmpty() || attempt.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(attempt, salt));
    }

    private static byte[] derive(String pin, byte[] salt) {
        KeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, ITERATIONS, BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        }
    }

    @Override
    public String toString() {
        // Never print the hash or salt in logs or config dumps.
        return "StaffPin[hidden]";
    }
}
