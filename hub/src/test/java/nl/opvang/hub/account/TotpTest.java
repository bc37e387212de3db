package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static String rfc6238(byte[] key, long unixSeconds, String algorithm) {
        return Totp.code(key, unixSeconds / 30, algorithm, 8);
    }

    @Test
    void codes_match_the_rfc_6238_test_vectors() {
        // RFC 6238 Appendix B, SHA-1 column, 8 digits.
        assertEquals("94287082", rfc6238(SHA1_KEY, 59, "HmacSHA1"));
        assertEquals("07081804", rfc6238(SHA1_KEY, 1_111_111_109, "HmacSHA1"));
        assertEquals("14050471", rfc6238(SHA1_KEY, 1_111_111_111, "HmacSHA1"));
        assertEquals("89005924", rfc6238(SHA1_KEY, 1_234_567_890, "HmacSHA1"));
        assertEquals("69279037", rfc6238(SHA1_KEY, 2_000_000_000, "HmacSHA1"));
        assertEquals("65353130", rfc6238(SHA1_KEY, 20_000_000_000L, "HmacSHA1"));
        // The SHA-256 and SHA-512 columns use longer seeds; the same truncation applies.
        byte[] key256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
        byte[] key512 = "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);
        assertEquals("46119246", rfc6238(key256, 59, "HmacSHA256"));
        assertEquals("90693936", rfc6238(key512, 59, "HmacSHA512"));
    }

    @Test
    void six_digit_codes_are_the_last_six_digits_of_the_rfc_values() {
        String secret = Totp.base32(SHA1_KEY);

        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", secret);
        assertEquals("287082", Totp.code(secret, Instant.ofEpochSecond(59)));
        assertEquals("005924", Totp.code(secret, Instant.ofEpochSecond(1_234_567_890)));
    }

    @Test
    void a_code_one_step_early_or_late_is_accepted_and_two_steps_are_not() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-11-22T23:40:15Z");

        assertTrue(Totp.verify(secret, Totp.code(secret, now), now));
        assertTrue(Totp.verify(secret, Totp.code(secret, now.minusSeconds(30)), now));
        assertTrue(Totp.verify(secret, Totp.code(secret, now.plusSeconds(30)), now));
        assertFalse(Totp.verify(secret, Totp.code(secret, now.minusSeconds(60)), now));
        assertFalse(Totp.verify(secret, Totp.code(secret, now.plusSeconds(60)), now));
        assertFalse(Totp.verify(secret, "12345", now));
        assertFalse(Totp.verify(secret, null, now));
    }

    @Test
    void base32_round_trips_and_the_uri_names_issuer_account_and_parameters() {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42, 7, 9, 100, 120};

        assertArrayEquals(bytes, Totp.fromBase32(Totp.base32(bytes)));
        assertEquals(32, Totp.newSecret().length());
        assertEquals("otpauth://totp/opvang%3Act?secret=ABC&issuer=opvang&algorithm=SHA1&digits=6&period=30",
                Totp.uri("opvang", "ct", "ABC"));
    }
}
