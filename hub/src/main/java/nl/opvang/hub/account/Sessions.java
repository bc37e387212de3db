package nl.opvang.hub.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.store.Database;

/**
 * Web sessions and API bearer tokens. The hub stores only a SHA-256 of each value (docs/DESIGN.md §5: stored hashed),
 * so a copy of the database logs nobody in. A random 256-bit value needs no slow hash: nobody can guess it, and
 * checking it must be cheap because it happens on every request. Active sessions are cached in memory; the database is
 * the truth after a restart.
 *
 * <p>A web session also ends after {@link #DEFAULT_IDLE} (configurable: {@code --session-idle-minutes}) without a
 * request (issue 11): a CT, Veilig Thuis, VO-desk, admin or night-staff browser left open on a shared desk then asks
 * for the password (and code) again. Night staff are included on purpose: their accounts have no second factor and
 * their office PCs are shared; the node's kiosk, which must stay on all night, has its own PIN lock and no web session.
 * An open live stream ({@code /api/v1/availability/stream}, {@code /api/v1/holds/stream}) is <em>not</em> use: it is one request that stays open, and a
 * screen nobody touches for half an hour is exactly what the idle end is for; the stream is closed when its session
 * ends ({@link #live}), and the page then asks for a login. Bearer tokens of API clients (scripts) have no idle end:
 * no screen is left open, and they end after {@link #API_LIFETIME}. The last use is kept exactly in memory and written
 * back at most once a minute, so after a restart a session may idle out up to a minute early, never late.
 */
public final class Sessions {
    /** A web session lasts a night shift; a bearer token a day. */
    public static final Duration WEB_LIFETIME = Duration.ofHours(12);
    public static final Duration API_LIFETIME = Duration.ofHours(24);
    /** A web session unused this long ends. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** How often the last-use time is written back: not on every request, which would make every read a write. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Active> cache = new ConcurrentHashMap<>();
    /** Token hash → the last-use time last written to the database. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

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
        this(database, clock, DEFAULT_IDLE);
    }

    /** With web sessions ending after {@code idle} without use. */
    public Sessions(Database database, Clock clock, Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the idle time of a session must be positive");
        }
        this.database = database;
        this.clock = clock;
        this.idle = idle;
    }

    public Duration idle() {
        return idle;
    }

    public Issued start(Account account, Kind kind) {
        String token = randomValue();
        String csrf = kind == Kind.WEB ? randomValue() : null;
        Instant now = clock.instant();
        Instant expires = now.plus(kind == Kind.WEB ? WEB_LIFETIME : API_LIFETIME);
        String hash = hash(token);
        database.transaction(connection -> {
            SessionStore.insert(connection, hash, account.id(), kind, csrf, now, expires);
            return null;
        });
        Active active = new Active(hash, account.principal(), account.displayName(), kind, csrf, expires, now);
        cache.put(hash, active);
        written.put(hash, now);
        return new Issued(token, csrf, expires, active);
    }

    /** The live session of {@code token}, or empty when it is unknown, expired, or its account disabled. */
    public Optional<Active> find(String token) {
        return find(token, true);
    }

    /**
     * As {@link #find(String)}; with {@code use} false the request does not count as use of the session (a page's own
     * timed refresh, sent with {@link Authentication#BACKGROUND_HEADER}): it is answered while the session lives, but
     * does not keep an unattended screen logged in.
     */
    public Optional<Active> find(String token, boolean use) {
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
        if (ended(active, now)) {
            end(hash);
            return Optional.empty();
        }
        return Optional.of(use ? touch(active, now) : active);
    }

    /**
     * Whether the session with this stored hash is still live, without counting this as use: for an open stream, which
     * must end with its session but must not keep it alive.
     */
    public boolean live(String tokenHash) {
        Active active = cache.get(tokenHash);
        if (active == null) {
            active = load(tokenHash).orElse(null);
            if (active == null) {
                return false;
            }
            cache.putIfAbsent(tokenHash, active);
        }
        return !ended(active, clock.instant());
    }

    private boolean ended(Active active, Instant now) {
        return !now.isBefore(active.expiresAt())
                || active.kind() == Kind.WEB && Duration.between(active.lastUsedAt(), now).compareTo(idle) >= 0;
    }

    /** Ends the session whose stored hash is {@code tokenHash} (logout, expiry). */
    public void end(String tokenHash) {
        cache.remove(tokenHash);
        written.remove(tokenHash);
        database.transaction(connection -> {
            SessionStore.delete(connection, tokenHash);
            return null;
        });
    }

    /** Ends every session of an account (disabled by an admin). */
    public void endAll(long accountId) {
        cache.values().removeIf(active -> {
            boolean ends = active.principal().accountId() == accountId;
            if (ends) {
                written.remove(active.tokenHash());
            }
            return ends;
        });
        database.transaction(connection -> {
            SessionStore.deleteOfAccount(connection, accountId);
            return null;
        });
    }

    /** Keeps the use in memory exactly; writes it back when the stored one is a minute old or more. */
    private Active touch(Active active, Instant now) {
        Active touched = new Active(active.tokenHash(), active.principal(), active.displayName(), active.kind(),
                active.csrfToken(), active.expiresAt(), now);
        cache.put(active.tokenHash(), touched);
        Instant stored = written.getOrDefault(active.tokenHash(), active.lastUsedAt());
        if (Duration.between(stored, now).compareTo(TOUCH_INTERVAL) < 0) {
            return touched;
        }
        written.put(active.tokenHash(), now);
        database.transaction(connection -> {
            SessionStore.touch(connection, active.tokenHash(), now);
            return null;
        });
        return touched;
    }

    private Optional<Active> load(String hash) {
        return database.read(connection -> SessionStore.find(connection, hash));
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
