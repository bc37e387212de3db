package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import nl.opvang.gateway.BrokerAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's logins and ACL outside the demo: the same {@code passwd} and {@code acl} that
 * {@code broker-config} writes for Mosquitto (docs/DESIGN.md §2), read from the hub's {@code <data>/broker} folder, and
 * Mosquitto's {@code use_username_as_clientid} as a rule: a client must ask for its user name as client id, so a
 * node's password cannot take over the hub's session or another node's connection. The hub's own user
 * ({@link BrokerConfig#HUB_USER}) logs in only with a secret made at each start, which never leaves the process.
 *
 * <p>The files are read again when they change (checked at each login and at most once a second for a publish), so
 * enrolling, rotating or revoking takes effect without a restart; a revoked node's open connection can publish
 * nothing more, as its ACL block is gone.
 */
public final class EmbeddedBrokerAccess implements BrokerAccess {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerAccess.class);
    private static final long RECHECK_MILLIS = 1000;

    private final Path passwdFile;
    private final Path aclFile;
    private final byte[] hubSecret;
    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    private record Snapshot(String stamp, Map<String, String> hashes, AclFile acl) {
    }

    private EmbeddedBrokerAccess(Path dir, byte[] hubSecret) {
        this.passwdFile = dir.resolve(BrokerConfig.PASSWORD_FILE);
        this.aclFile = dir.resolve(BrokerConfig.ACL_FILE);
        this.hubSecret = hubSecret;
        this.snapshot = read();
        this.checkedAt = System.currentTimeMillis();
    }

    /**
     * Reads {@code dir/passwd} and {@code dir/acl}; an {@link IllegalStateException} says which is missing or wrong.
     * The hub logs in as {@link BrokerConfig#HUB_USER} with {@link #hubPassword()}.
     */
    public static EmbeddedBrokerAccess load(Path dir) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new EmbeddedBrokerAccess(dir, Base64.getUrlEncoder().withoutPadding().encode(secret));
    }

    /** The hub's password for this run. */
    public String hubPassword() {
        return new String(hubSecret, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean login(String clientId, String user, byte[] password) {
        if (user == null || password == null || !user.equals(clientId)) {
            return false;
        }
        if (user.equals(BrokerConfig.HUB_USER)) {
            return MessageDigest.isEqual(hubSecret, password);
        }
        String hash = current(true).hashes().get(user);
        return hash != null && MosquittoHash.matches(password, hash);
    }

    @Override
    public boolean mayWrite(String user, String topic) {
        return current(false).acl().mayWrite(user, topic);
    }

    @Override
    public boolean mayRead(String user, String topicFilter) {
        return current(false).acl().mayRead(user, topicFilter);
    }

    private Snapshot current(boolean now) {
        long time = System.currentTimeMillis();
        if (now || time - checkedAt >= RECHECK_MILLIS) {
            checkedAt = time;
            if (!stamp().equals(snapshot.stamp())) {
                try {
                    snapshot = read();
                    LOG.info("MQTT: read {} and {} again ({} users)", passwdFile, aclFile, snapshot.hashes().size());
                } catch (IllegalStateException e) {
                    // Half-written or removed by hand: keep what was valid; broker-config writes both atomically.
                    LOG.warn("MQTT: keeping the previous broker users: {}", e.getMessage());
                }
            }
        }
        return snapshot;
    }

    private String stamp() {
        try {
            return Files.getLastModifiedTime(passwdFile) + "/" + Files.size(passwdFile) + "/"
                    + Files.getLastModifiedTime(aclFile) + "/" + Files.size(aclFile);
        } catch (IOException e) {
            return "missing";
        }
    }

    private Snapshot read() {
        if (!Files.isRegularFile(passwdFile) || !Files.isRegularFile(aclFile)) {
            throw new IllegalStateException("no broker users in " + passwdFile.getParent() + " (passwd and acl)");
        }
        String stamp = stamp();
        try {
            Map<String, String> hashes = PasswordFile.read(passwdFile).hashes();
            AclFile acl = AclFile.parse(Files.readString(aclFile, StandardCharsets.UTF_8));
            return new Snapshot(stamp, Map.copyOf(hashes), acl);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(aclFile + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read " + passwdFile + " or " + aclFile + ": " + e.getMessage(), e);
        }
    }
}
