package nl.opvang.hub.placement;

import java.nio.file.Path;
import java.util.UUID;
import nl.opvang.hub.store.DataKey;

/**
 * Encrypts a hold's instructions at rest (docs/DESIGN.md §5: stored encrypted, shown only to the placer) with the data
 * folder's {@link DataKey}, the same key that seals the accounts' TOTP secrets. The hold's id is the associated data
 * (as it was before the key was shared, so stored instructions still open): a ciphertext moved to another hold does not
 * decrypt.
 */
public final class HoldKey {
    static final String FILE = DataKey.FILE;

    private final DataKey key;

    private HoldKey(DataKey key) {
        this.key = key;
    }

    /** Reads the key from {@code dataDir}, creating it (mode 0600) on first start. */
    public static HoldKey load(Path dataDir) {
        return new HoldKey(DataKey.load(dataDir));
    }

    String seal(UUID hold, String plaintext) {
        return key.seal(hold.toString(), plaintext);
    }

    String open(UUID hold, String sealed) {
        try {
            return key.open(hold.toString(), sealed);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the instructions of hold " + hold + " do not decrypt with this hub's key", e);
        }
    }

    @Override
    public String toString() {
        return "HoldKey[hidden]";
    }
}
