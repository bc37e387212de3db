package nl.opvang.hub.account;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.hub.store.Database;

/**
 * Slows down password guessing (DESIGN §5, §9 "wrong passwords"), per username and per IP address. After
 * {@value #USER_FREE_FAILURES} failed logins for a username within an hour (or {@value #IP_FREE_FAILURES} from one
 * address, which may be a whole office), each further attempt must wait 30 s after the latest failure, doubling with
 * every further failure, at most 15 minutes. A success clears the username's count. Kept in the database, so a restart
 * does not reset it. The same answer is given whether the username exists or not.
 */
public final class LoginThrottle {
    static final int USER_FREE_FAILURES = 5;
    static final int IP_FREE_FAILURES = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofHours(1);

    private final Database database;
    private final Clock clock;

    public LoginThrottle(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** How long this username or address must still wait, or empty when it may try now. */
    public Optional<Duration> wait(String username, String ip) {
        Instant now = clock.instant();
        Duration user = waitFor(userKey(username), USER_FREE_FAILURES, now);
        Duration address = waitFor(ipKey(ip), IP_FREE_FAILURES, now);
        Duration longest = user.compareTo(address) >= 0 ? user : address;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String ip) {
        long now = clock.millis();
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM login_failure WHERE at_ms < ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO login_failure (subject, at_ms) VALUES (?, ?)")) {
                delete.setLong(1, now - WINDOW.toMillis());
                delete.executeUpdate();
                for (String key : new String[] {userKey(username), ipKey(ip)}) {
                    insert.setString(1, key);
                    insert.setLong(2, now);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    public void succeeded(String username) {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM login_failure WHERE subject = ?")) {
                delete.setString(1, userKey(username));
                delete.executeUpdate();
            }
            return null;
        });
    }

    private Duration waitFor(String key, int freeFailures, Instant now) {
        long since = now.toEpochMilli() - WINDOW.toMillis();
        long[] countAndLatest = database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*), MAX(at_ms) FROM login_failure WHERE subject = ? AND at_ms >= ?")) {
                query.setString(1, key);
                query.setLong(2, since);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            }
        });
        long failures = countAndLatest[0];
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeFailures, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Duration left = Duration.between(now, Instant.ofEpochMilli(countAndLatest[1]).plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + (ip == null ? "" : ip);
    }
}
