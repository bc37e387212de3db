package nl.opvang.hub.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.opvang.hub.store.Database;

/**
 * Web sessions and API bearer tokens. The hub stores only a SHA-256 of each value (DESIGN §5: stored hashed), so a
 * copy of the database logs nobody in. A random 256-bit value needs no slow hash: nobody can guess it, and checking it
 * must be cheap because it happens on every request. Active sessions are cached in memory; the database is the truth
 * after a restart.
 */
public final class Sessions {
    /** A web session lasts a night shift; a bearer token a day. */
    public static final Duration WEB_LIFETIME = Duration.ofHours(12);
    public static final Duration API_LIFETIME = Duration.ofHours(24);
    /** How often the last-use time is written back: not on every request, which would make every read a write. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Active> cache = new ConcurrentHashMap<>();

    /** How a session was started: a browser with a cookie (needs CSRF tokens) or an API client with a bearer token. */
    public enum Kind {
        WEB, API;

        String wire() {
            return this == WEB ? "web" : "api";
        }
    }

    /** A session just started: the secret value goes to the client once, and never again. */
    public record Issued(String token, String csrfToken, Instant expiresAt, Active active) {
    }

    /** A live session: who, how, its CSRF token (web only) and when it ends. */
    public record Active(String tokenHash, Principal principal, String displayName, Kind kind, String csrfToken,
                         Instant expiresAt, Instant lastUsedAt) {
    }

    public Sessions(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Issued start(Account account, Kind kind) {
        String token = randomValue();
        String csrf = kind == Kind.WEB ? randomValue() : null;
        Instant now = clock.instant();
        Instant expires = now.plus(kind == Kind.WEB ? WEB_LIFETIME : API_LIFETIME);
        String hash = hash(token);
        database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO account_session (token_hash, account_id, kind, csrf_token, created_ms, expires_ms, last_used_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, hash);
                insert.setLong(2, account.id());
                insert.setString(3, kind.wire());
                insert.setString(4, csrf);
                insert.setLong(5, now.toEpochMilli());
                insert.setLong(6, expires.toEpochMilli());
                insert.setLong(7, now.toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
        Active active = new Active(hash, account.principal(), account.displayName(), kind, csrf, expires, now);
        cache.put(hash, active);
        return new Issued(token, csrf, expires, active);
    }

    /** The live session of {@code token}, or empty when it is unknown, expired, or its account disabled. */
    public Optional<Active> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(token);
        Active active = cache.get(hash);
        if (active == null) {
            active = load(hash).orElse(null);
            if (active == null) {
                return Optional.empty();
            }
            cache.put(hash, active);
        }
        Instant now = clock.instant();
        if (!now.isBefore(active.expiresAt())) {
            end(hash);
            return Optional.empty();
        }
        if (Duration.between(active.lastUsedAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
            active = touch(active, now);
        }
        return Optional.of(active);
    }

    /** Ends the session whose stored hash is {@code tokenHash} (logout, expiry). */
    public void end(String tokenHash) {
        cache.remove(tokenHash);
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM account_session WHERE token_hash = ?")) {
                delete.setString(1, tokenHash);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Ends every session of an account (disabled by an admin). */
    public void endAll(long accountId) {
        cache.values().removeIf(active -> active.principal().accountId() == accountId);
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM account_session WHERE account_id = ?")) {
                delete.setLong(1, accountId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private Active touch(Active active, Instant now) {
        Active touched = new Active(active.tokenHash(), active.principal(), active.displayName(), active.kind(),
                active.csrfToken(), active.expiresAt(), now);
        cache.put(active.tokenHash(), touched);
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account_session SET last_used_ms = ? WHERE token_hash = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, active.tokenHash());
                update.executeUpdate();
            }
            return null;
        });
        return touched;
    }

    private Optional<Active> load(String hash) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.kind, s.csrf_token, s.expires_ms, s.last_used_ms,
                           a.id, a.username, a.display_name, a.role, a.scope
                    FROM account_session s JOIN account a ON a.id = s.account_id
                    WHERE s.token_hash = ? AND a.disabled = 0""")) {
                query.setString(1, hash);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Principal principal = new Principal(rows.getLong("id"), rows.getString("username"),
                            Role.fromWire(rows.getString("role")), rows.getString("scope"));
                    return Optional.of(new Active(hash, principal, rows.getString("display_name"),
                            "web".equals(rows.getString("kind")) ? Kind.WEB : Kind.API, rows.getString("csrf_token"),
                            Instant.ofEpochMilli(rows.getLong("expires_ms")), Instant.ofEpochMilli(rows.getLong("last_used_ms"))));
                }
            }
        });
    }

    private String randomValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
