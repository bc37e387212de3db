package nl.opvang.device.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a pass number into a pseudonymous token: keyed HMAC-SHA256 with the region's key, as
 * {@code keyId + ":" + base64url(first 16 bytes)}. A plain hash of a pass number could be reversed by trying every
 * number; a keyed one cannot without the key (ENISA 2019). The pass number itself is never stored or sent.
 */
public final class Pseudonymizer {
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,8}");
    private static final String ALGORITHM = "HmacSHA256";

    private final String keyId;
    private final SecretKeySpec key;

    public Pseudonymizer(String keyId, String key) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("tokenKeyId must be 1 to 8 lower-case letters or digits");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("tokenKey must not be empty");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The token of {@code passNumber}; surrounding spaces are ignored so that a typed and a scanned pass match. */
    public String token(String passNumber) {
        if (passNumber == null || passNumber.isBlank()) {
            throw new OperationRefused("no pass number given");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(passNumber.strip().getBytes(StandardCharsets.UTF_8));
            return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
