package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ops.OpsCommand;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP secrets are stored encrypted with the data folder's key, not in the database (issue 11 item 7): neither the
 * secret's Base32 text nor its bytes are in {@code hub.db}, its {@code -wal}, or a backup made by {@code backup}; a
 * database written before this change is migrated at start.
 */
class TotpAtRestTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path backups;

    private static String secretOf(String otpauthUri) {
        String query = URI.create(otpauthUri).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("secret=")) {
                return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no secret in " + otpauthUri);
    }

    /** The files that hold the database's bytes, and the backup. */
    private List<Path> files(Path backup) {
        List<Path> files = new ArrayList<>(List.of(dataDir.resolve("hub.db"), backup));
        if (Files.exists(dataDir.resolve("hub.db-wal"))) {
            files.add(dataDir.resolve("hub.db-wal"));
        }
        return files;
    }

    private static void assertNowhere(String secret, List<Path> files) throws IOException {
        byte[] raw = Totp.fromBase32(secret);
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            String latin1 = new String(content, StandardCharsets.ISO_8859_1);
            assertFalse(latin1.contains(secret), "the secret's Base32 text is in " + file);
            assertFalse(latin1.contains(new String(raw, StandardCharsets.ISO_8859_1)), "the secret's bytes are in " + file);
            assertFalse(latin1.toUpperCase().contains(HexFormat.of().formatHex(raw).toUpperCase()),
                    "the secret's hex is in " + file);
        }
    }

    private Path backup() {
        Path target = backups.resolve("hub-backup.db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new OpsCommand(new PrintStream(out), new PrintStream(out), Clock.systemUTC()).run(new String[] {"backup", "--data",
                dataDir.toString(), "--to", target.toString()});
        assertEquals(0, exit, out.toString());
        return target;
    }

    @Test
    void a_new_accounts_secret_is_in_neither_the_database_nor_a_backup_and_its_codes_still_log_in() throws IOException {
        try (WebFixture hub = new WebFixture(dataDir, false)) {
            hub.account("beheer", Role.ADMIN, null);
            String admin = hub.login("beheer");
            HttpResponse<String> created = hub.post("/api/v1/admin/users", Map.of("username", "vt-nacht", "displayName",
                    "Veilig Thuis", "role", "veilig_thuis", "password", "kaars-rivier-fiets-molen"), admin);
            assertEquals(201, created.statusCode(), created.body());
            String secret = secretOf(hub.parse(created.body()).get("otpauthUri").asText());

            Path backup = backup();

            assertNowhere(secret, files(backup));
            assertEquals(200, hub.post("/api/v1/login", Map.of("username", "vt-nacht", "password", "kaars-rivier-fiets-molen",
                    "totp", Totp.code(secret, hub.clock.instant())), null).statusCode());
        }
    }

    @Test
    void secrets_stored_in_plain_text_before_are_encrypted_at_start_and_still_log_in() throws IOException {
        String secret = Totp.newSecret();
        try (Database old = Database.open(dataDir)) {
            old.transaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO account (username, display_name, role, scope, password_hash, totp_secret, disabled, created_ms)
                        VALUES ('oud-ct', 'Oud CT', 'ct', NULL, ?, ?, 0, ?)""")) {
                    insert.setString(1, new PasswordHasher().hash(WebFixture.PASSWORD));
                    insert.setString(2, secret);
                    insert.setLong(3, Instant.now().toEpochMilli());
                    insert.executeUpdate();
                }
                return null;
            });
        }
        assertTrue(new String(Files.readAllBytes(dataDir.resolve("hub.db")), StandardCharsets.ISO_8859_1).contains(secret)
                || Files.exists(dataDir.resolve("hub.db-wal")), "the old store had it in plain text");

        try (WebFixture hub = new WebFixture(dataDir, false)) {
            Path backup = backup();

            assertNowhere(secret, files(backup));
            assertEquals(secret, hub.accounts.accounts().find("oud-ct").orElseThrow().totpSecret(), "read back decrypted");
            assertEquals(200, hub.post("/api/v1/login", Map.of("username", "oud-ct", "password", WebFixture.PASSWORD,
                    "totp", Totp.code(secret, hub.clock.instant())), null).statusCode());
        }
    }

    @Test
    void a_database_without_its_key_is_refused_at_start_with_the_reason() throws IOException {
        try (WebFixture hub = new WebFixture(dataDir, false)) {
            hub.account("beheer", Role.ADMIN, null);
        }
        Files.delete(dataDir.resolve("hold-key")); // restored without its key: a new one is made

        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new WebFixture(dataDir, false).close());

        assertTrue(refused.getMessage().contains("do not decrypt with the key hold-key"), refused.getMessage());
    }
}
