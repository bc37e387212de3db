package nl.opvang.hub.placement;

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
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a hold's instructions at rest with AES-256-GCM (DESIGN §5: stored encrypted, shown only to the placer).
 * The key is a random file {@code hold-key} in the hub's data folder, created readable by the hub's user only; it is
 * never logged and never in the database, so a copy of the database alone does not reveal instructions. The hold's id
 * is the associated data: a ciphertext moved to another hold does not decrypt.
 */
public final class HoldKey {
    static final String FILE = "hold-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private HoldKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the key from {@code dataDir}, creating it (mode 0600) on first start. */
    public static HoldKey load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("the hold key " + file + " is damaged (not " + KEY_BYTES + " bytes); restore it "
                        + "from the backup of the data folder");
            }
            return new HoldKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the hold key " + file, e);
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

    /** Base64 of nonce and ciphertext with tag. */
    String seal(UUID hold, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(hold.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    String open(UUID hold, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(hold.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the instructions of hold " + hold + " do not decrypt with this hub's hold key", e);
        }
    }

    @Override
    public String toString() {
        return "HoldKey[hidden]";
    }
}
