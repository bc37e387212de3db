package nl.opvang.hub.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.hub.store.Database;

/**
 * Slows down password guessing (docs/DESIGN.md §5, §9 "wrong passwords") without handing a stranger a way to lock staff
 * out (issue 11). Failures are counted per username <em>and</em> address: after {@value #PAIR_FREE_FAILURES} failures
 * of one username from one address within an hour, that pair waits 30 s after its latest failure, doubling with every
 * further failure, at most 15 minutes. So a stranger guessing at {@code nacht-amergaard} slows down only himself.
 *
 * <p>Two further counts stop guessing that is spread out. One address with {@value #ADDRESS_FREE_FAILURES} failures over
 * any usernames waits (it may be a whole office, hence the higher number). A username with
 * {@value #ACCOUNT_FREE_FAILURES} failures from addresses it never logged in from waits too, but only at such unknown
 * addresses: an address that logged in to that account successfully before (kept {@value #KNOWN_DAYS} days after its
 * last success) is a known address and is judged by its own pair count alone. The night staff's PC at the shelter thus
 * keeps working while someone elsewhere is guessing; a botnet spreading guesses over many addresses is still slowed.
 * A success clears that pair's count (never the account's count of unknown addresses: that would let a guesser reset
 * it by waiting for the staff's next login). Kept in the database, so a restart does not reset it. The same answer is
 * given whether the username exists or not.
 */
public final class LoginThrottle {
    static final int PAIR_FREE_FAILURES = 5;
    static final int ADDRESS_FREE_FAILURES = 20;
    static final int ACCOUNT_FREE_FAILURES = 10;
    static final int KNOWN_DAYS = 90;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofHours(1);

    private final Database database;
    private final Clock clock;

    public LoginThrottle(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** How long this username at this address must still wait, or empty when it may try now. */
    public Optional<Duration> wait(String username, String ip) {
        Instant now = clock.instant();
        Duration longest = waitFor(pairKey(username, ip), PAIR_FREE_FAILURES, now);
        longest = longer(longest, waitFor(ipKey(ip), ADDRESS_FREE_FAILURES, now));
        if (!known(username, ip, now)) {
            longest = longer(longest, waitFor(unknownKey(username), ACCOUNT_FREE_FAILURES, now));
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String ip) {
        long now = clock.millis();
        boolean known = known(username, ip, clock.instant());
        List<String> keys = new ArrayList<>(List.of(pairKey(username, ip), ipKey(ip)));
        if (!known) {
            keys.add(unknownKey(username));
        }
        database.transaction(connection -> {
            LoginStore.fail(connection, keys, now, now - WINDOW.toMillis());
            return null;
        });
    }

    /** Clears the pair's count and remembers the address as known for this account. */
    public void succeeded(String username, String ip) {
        long now = clock.millis();
        database.transaction(connection -> {
            LoginStore.clearFailures(connection, pairKey(username, ip));
            LoginStore.remember(connection, name(username), address(ip), now, now - Duration.ofDays(KNOWN_DAYS).toMillis());
            return null;
        });
    }

    private boolean known(String username, String ip, Instant now) {
        long since = now.minus(Duration.ofDays(KNOWN_DAYS)).toEpochMilli();
        return database.read(connection -> LoginStore.known(connection, name(username), address(ip), since));
    }

    private Duration waitFor(String key, int freeFailures, Instant now) {
        long since = now.toEpochMilli() - WINDOW.toMillis();
        LoginStore.Failures recent = database.read(connection -> LoginStore.failures(connection, key, since));
        long failures = recent.count();
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeFailures, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Duration left = Duration.between(now, Instant.ofEpochMilli(recent.latestMs()).plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String name(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String address(String ip) {
        return ip == null ? "" : ip;
    }

    private static String pairKey(String username, String ip) {
        return "user-ip:" + name(username) + "@" + address(ip);
    }

    private static String unknownKey(String username) {
        return "user-unknown-ip:" + name(username);
    }

    private static String ipKey(String ip) {
        return "ip:" + address(ip);
    }
}
