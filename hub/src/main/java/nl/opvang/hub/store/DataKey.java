package nl.opvang.hub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one key that encrypts secrets at rest in the hub's database with AES-256-GCM: a hold's instructions
 * (docs/DESIGN.md §5: stored encrypted, shown only to the placer) and the accounts' TOTP secrets (issue 11). The key is
 * a random file in the hub's data folder, created readable by the hub's user only; it is never logged and never in the
 * database, so a copy of the database, or a backup of it, alone reveals neither. The file keeps its first name {@value
 * #FILE} (hubs in use have it under that name; it now guards more than holds). Each value is sealed with associated
 * data naming what it belongs to (a hold's id, an account's name): a ciphertext moved to another row does not decrypt.
 */
public final class DataKey {
    public static final String FILE = "hold-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private DataKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the key from {@code dataDir}, creating it (mode 0600) on first start. */
    public static DataKey load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("the data key " + file + " is damaged (not " + KEY_BYTES + " bytes); restore it "
                        + "from the backup of the data folder");
            }
            return new DataKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the data key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.write(temporary, key);
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // Another start won the race: its key stands.
        } finally {
            Files.delete(temporary);
        }
    }

    /** Base64 of nonce and ciphertext with tag; {@code context} names what the value belongs to. */
    public String seal(String context, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext of {@code sealed}; refused when it was sealed with another key or for another context. */
    public String open(String context, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(context + " does not decrypt with this hub's data key (" + FILE + ")", e);
        }
    }

    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
