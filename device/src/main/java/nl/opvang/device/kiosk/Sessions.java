package nl.opvang.device.kiosk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import nl.opvang.device.config.StaffPin;

/**
 * The kiosk's one unlocked session: unlock with the staff PIN, a random session id (cookie) and CSRF token, auto-lock
 * after idle time, and throttling of wrong PINs. A kiosk has one screen, so a new unlock replaces the old session.
 * Thread-safe.
 */
final class Sessions {
    static final int TRIES_BEFORE_WAIT = 5;
    static final Duration WAIT_AFTER_WRONG = Duration.ofSeconds(30);

    private final StaffPin pin;
    private final Duration idleLock;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private String sessionId;
    private String csrfToken;
    private Instant lastActivity = Instant.EPOCH;
    private int wrongTries;
    private Instant waitUntil = Instant.EPOCH;

    Sessions(StaffPin pin, Duration idleLock, Clock clock) {
        this.pin = pin;
        this.idleLock = idleLock;
        this.clock = clock;
    }

    boolean pinConfigured() {
        return pin != null;
    }

    /** The outcome of an unlock attempt. */
    record Unlock(boolean unlocked, String sessionId, String csrfToken, long waitSeconds) {
    }

    synchronized Unlock unlock(String attempt) {
        Instant now = clock.instant();
        Unlock refused = refusal(attempt, now);
        if (refused != null) {
            return refused;
        }
        sessionId = randomToken();
        csrfToken = randomToken();
        lastActivity = now;
        return new Unlock(true, sessionId, csrfToken, 0);
    }

    /**
     * The PIN typed again to confirm a weighty step on an unlocked kiosk (a check-out without the pass, a rights
     * request), under the same throttle as unlocking; {@code unlocked} says the PIN was right. The session stays as it is.
     */
    synchronized Unlock confirm(String attempt) {
        Unlock refused = refusal(attempt, clock.instant());
        return refused != null ? refused : new Unlock(true, null, null, 0);
    }

    /** Null when {@code attempt} is the PIN; else why not, with the seconds to wait after too many wrong ones. */
    private Unlock refusal(String attempt, Instant now) {
        if (now.isBefore(waitUntil)) {
            return new Unlock(false, null, null, secondsUntil(now, waitUntil));
        }
        // The hash runs under the lock on purpose: parallel guesses are serialised, not multiplied.
        if (pin == null || !pin.matches(attempt)) {
            wrongTries++;
            if (wrongTries >= TRIES_BEFORE_WAIT) {
                wrongTries = 0;
                waitUntil = now.plus(WAIT_AFTER_WRONG);
                return new Unlock(false, null, null, WAIT_AFTER_WRONG.toSeconds());
            }
            return new Unlock(false, null, null, 0);
        }
        wrongTries = 0;
        return null;
    }

    /** Whether {@code cookie} is the live session; does not count as activity. */
    synchronized boolean unlocked(String cookie) {
        return sessionId != null && cookie != null && same(cookie, sessionId) && !idle(clock.instant());
    }

    /** The CSRF token of the live session, for a page that was reloaded while unlocked. */
    synchronized Optional<String> csrf(String cookie) {
        return unlocked(cookie) ? Optional.of(csrfToken) : Optional.empty();
    }

    /** A change request: the live session and its CSRF token. Counts as activity. */
    synchronized Access authorise(String cookie, String csrfHeader) {
        if (!unlocked(cookie)) {
            lockIfIdle();
            return Access.LOCKED;
        }
        if (csrfHeader == null || !same(csrfHeader, csrfToken)) {
            return Access.BAD_CSRF;
        }
        lastActivity = clock.instant();
        return Access.GRANTED;
    }

    /** Seconds until the kiosk locks itself, for the page's own countdown. */
    synchronized long secondsUntilLock() {
        return Math.max(0, secondsUntil(clock.instant(), lastActivity.plus(idleLock)));
    }

    synchronized void lock() {
        sessionId = null;
        csrfToken = null;
    }

    private void lockIfIdle() {
        if (sessionId != null && idle(clock.instant())) {
            lock();
        }
    }

    private boolean idle(Instant now) {
        return !now.isBefore(lastActivity.plus(idleLock));
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(UTF_8),
                expected.getBytes(UTF_8));
    }

    private static long secondsUntil(Instant now, Instant then) {
        return (Duration.between(now, then).toMillis() + 999) / 1000;
    }

    /** Whether a change request may go ahead. */
    enum Access {
        GRANTED,
        LOCKED,
        BAD_CSRF
    }
}
