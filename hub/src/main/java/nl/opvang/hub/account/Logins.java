package nl.opvang.hub.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.http.Principal;

/**
 * Logging in: throttle first (so a blocked guesser costs no hashing), then the password (one Argon2id hash, also for an
 * unknown username so that timing does not tell which names exist), then the second factor where it is needed. The
 * answers are Dutch; a wrong password and an unknown user get the same one. Counted in
 * {@code opvang_logins_total{result=...}}.
 */
public final class Logins {
    static final String WRONG = "Gebruikersnaam of wachtwoord klopt niet.";
    static final String CODE_NEEDED = "Vul de code uit de app in.";
    static final String CODE_WRONG = "De code uit de app klopt niet. Probeer de nieuwe code.";
    static final String CODE_USED = "Deze code is al gebruikt. Wacht op de volgende code uit de app.";
    static final String NO_SECOND_FACTOR = "Voor dit account is nog geen code-app ingesteld. Vraag de beheerder om dat te doen.";

    private static final int MAX_NAME = 64;

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final String decoyHash;
    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    /** How a login attempt ended. */
    public enum Result {
        OK, FAILED, THROTTLED, CODE_NEEDED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The outcome: a session on success, else a Dutch message (and for {@code THROTTLED}, how long to wait). */
    public record Outcome(Result result, Sessions.Issued session, String message, Duration retryAfter) {
        public boolean ok() {
            return result == Result.OK;
        }

        /** Whole seconds to wait, rounded up, as in the message and the {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return retryAfter == null ? 0 : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    public Logins(Accounts accounts, Sessions sessions, LoginThrottle throttle, PasswordHasher hasher, Clock clock,
                  MeterRegistry metrics) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy password for unknown usernames");
        for (Result result : Result.values()) {
            counters.put(result, Counter.builder("opvang.logins").tag("result", result.wire())
                    .description("Login attempts by result").register(metrics));
        }
    }

    /**
     * One attempt, audited with the name as typed and how it ended (docs/DESIGN.md §5): never the password or the code.
     */
    public Outcome login(String username, String password, String code, String ip, Sessions.Kind kind) {
        Optional<Duration> wait = throttle.wait(username, ip);
        if (wait.isPresent()) {
            Outcome throttled = new Outcome(Result.THROTTLED, null, null, wait.get());
            return count(username, kind, "throttled", new Outcome(Result.THROTTLED, null,
                    "Te veel mislukte pogingen. Probeer het over " + throttled.retryAfterSeconds()
                            + (throttled.retryAfterSeconds() == 1 ? " seconde" : " seconden") + " opnieuw.",
                    wait.get()));
        }
        Optional<Account> found = accounts.find(username).filter(account -> !account.disabled());
        boolean passwordOk = hasher.verify(password == null ? "" : password,
                found.map(Account::passwordHash).orElse(decoyHash));
        if (found.isEmpty() || !passwordOk) {
            throttle.failed(username, ip);
            // One reason for an unknown name, a disabled account and a wrong password, as in the answer.
            return count(username, kind, "wrong-password", new Outcome(Result.FAILED, null, WRONG, null));
        }
        Account account = found.get();
        if (account.totpSecret() != null) {
            if (code == null || code.isBlank()) {
                return count(username, kind, "code-needed", new Outcome(Result.CODE_NEEDED, null, CODE_NEEDED, null));
            }
            long step = Totp.matchingStep(account.totpSecret(), code.strip(), clock.instant());
            if (step < 0) {
                throttle.failed(username, ip);
                return count(username, kind, "wrong-code", new Outcome(Result.FAILED, null, CODE_WRONG, null));
            }
            if (!accounts.useTotpStep(account.id(), step)) {
                // A code seen before (over a shoulder, in a proxy's log) or older than the last one: it logs in once.
                throttle.failed(username, ip);
                return count(username, kind, "code-reused", new Outcome(Result.FAILED, null, CODE_USED, null));
            }
        } else if (accounts.needsSecondFactor(account.role())) {
            return count(username, kind, "no-second-factor", new Outcome(Result.FAILED, null, NO_SECOND_FACTOR, null));
        }
        throttle.succeeded(username, ip);
        return count(username, kind, null, new Outcome(Result.OK, sessions.start(account, kind), null, null));
    }

    /** Audits the end of a session by its owner. */
    public void loggedOut(Principal principal, Sessions.Kind kind) {
        accounts.audit(principal.username(), "logout", principal.username(), "via=" + via(kind));
    }

    private Outcome count(String username, Sessions.Kind kind, String reason, Outcome outcome) {
        counters.get(outcome.result()).increment();
        String name = auditName(username);
        String action = switch (outcome.result()) {
            case OK -> "login.ok";
            case CODE_NEEDED -> "login.code-needed";
            case THROTTLED -> "login.throttled";
            case FAILED -> "wrong-code".equals(reason) || "code-reused".equals(reason) || "no-second-factor".equals(reason)
                    ? "login.second-factor-failed" : "login.failed";
        };
        accounts.audit(name, action, name, "via=" + via(kind) + (reason == null ? "" : " reason=" + reason));
        return outcome;
    }

    private static String via(Sessions.Kind kind) {
        return kind == Sessions.Kind.WEB ? "form" : "api";
    }

    /**
     * The name as typed, cut to an account name's length and stripped of control characters: a failed attempt's
     * name is whatever someone sent, and must not bend the log.
     */
    static String auditName(String username) {
        if (username == null || username.isBlank()) {
            return "(leeg)";
        }
        String clean = username.strip().replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) + "…" : clean;
    }
}
