package nl.opvang.hub.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.store.DataKey;
import nl.opvang.hub.store.Database;

/**
 * The accounts (their table is {@link AccountStore}'s). Every change is written to the audit log in the same transaction, with
 * the acting account's name and never a password or secret in the detail. TOTP secrets are stored sealed with the data
 * folder's {@link DataKey} (the key of the hold instructions, kept beside the database, not in it), so neither
 * {@code hub.db} nor a backup of it holds them in the clear; secrets stored in the clear by an older hub are sealed at
 * start ({@link #sealPlainSecrets}).
 */
public final class Accounts {
    /** docs/DESIGN.md §5: outside demo mode, passwords have at least 12 characters. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** The audit actions of logging in and out ({@link Logins}). */
    static final List<String> LOGIN_ACTIONS = List.of("login.ok", "login.code-needed", "login.failed",
            "login.second-factor-failed", "login.throttled", "logout");
    /** What a sealed secret starts with; a Base32 secret of an older hub never contains a colon. */
    private static final String SEALED = "sealed:";

    private final Database database;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean demo;
    private final DataKey key;
    private final PasswordPolicy policy = new PasswordPolicy();

    /** With the data key of the database's folder (created there on first use). */
    public Accounts(Database database, AuditLog audit, PasswordHasher hasher, Clock clock, boolean demo) {
        this(database, audit, hasher, clock, demo, DataKey.load(database.file().toAbsolutePath().getParent()));
    }

    public Accounts(Database database, AuditLog audit, PasswordHasher hasher, Clock clock, boolean demo, DataKey key) {
        this.database = database;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
        this.demo = demo;
        this.key = key;
        sealPlainSecrets();
        requireKeyOpensSecrets();
    }

    public boolean demo() {
        return demo;
    }

    /**
     * Every role but night staff (CT, Veilig Thuis, the VO desk, admins, the privacy officer and the gemeente) logs in
     * with a code from an app too, outside demo mode (docs/DESIGN.md §5).
     */
    public boolean needsSecondFactor(Role role) {
        return !demo && role != Role.NIGHT_STAFF;
    }

    /** Creates an account; one that needs a second factor gets a fresh TOTP secret (read it back to show it once). */
    public Account create(String actor, String username, String displayName, Role role, String scope, String password) {
        String name = username == null ? null : username.strip().toLowerCase(Locale.ROOT);
        checkPassword(password, name, displayName);
        String secret = needsSecondFactor(role) ? Totp.newSecret() : null;
        Account draft = new Account(0, name, displayName == null ? null : displayName.strip(), role,
                scope == null ? null : scope.strip(), hasher.hash(password), secret, false, clock.instant());
        return database.transaction(connection -> {
            if (find(connection, draft.username()).isPresent()) {
                throw new AccountException("Deze gebruikersnaam bestaat al");
            }
            AccountStore.insert(connection, draft, seal(draft.username(), draft.totpSecret()));
            audit.append(connection, actor, "account.create", draft.username(),
                    "role=" + draft.role().wire() + (draft.scope() == null ? "" : " scope=" + draft.scope())
                            + (secret == null ? "" : " second-factor"));
            return find(connection, draft.username()).orElseThrow();
        });
    }

    /**
     * Refuses a password that is too short or too easy to guess ({@link PasswordPolicy}) for the mode the hub runs in;
     * {@code knownWords} (the account's name, display name) count as guessable.
     */
    public void checkPassword(String password, String... knownWords) {
        if (password == null || password.isEmpty()) {
            throw new AccountException("Vul een wachtwoord in");
        }
        if (demo) {
            return;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("Het wachtwoord moet minstens " + MIN_PASSWORD_LENGTH + " tekens hebben");
        }
        String refusal = policy.refusal(password, knownWords);
        if (refusal != null) {
            throw new AccountException(refusal);
        }
    }

    /**
     * Records that the code of TOTP {@code step} logged the account in, if no code of this step or a later one did
     * before (RFC 6238 §5.2): one conditional update, so two logins racing with one code cannot both win. Persisted, so
     * a restart does not make a used code valid again.
     */
    public boolean useTotpStep(long accountId, long step) {
        return database.transaction(connection -> AccountStore.useTotpStep(connection, accountId, step));
    }

    /** Seals every TOTP secret still stored in the clear (by a hub before issue 11), and flushes the old pages. */
    void sealPlainSecrets() {
        int sealed = database.transaction(connection -> {
            List<Account> plain = AccountStore.withSecretNotStarting(connection, SEALED);
            for (Account each : plain) {
                AccountStore.storeSecret(connection, each.id(), seal(each.username(), each.totpSecret()));
            }
            if (!plain.isEmpty()) {
                audit.append(connection, AccountSetup.SYSTEM, "account.seal-second-factors", "accounts",
                        "sealed=" + plain.size());
            }
            return plain.size();
        });
        if (sealed > 0) {
            // The clear text must not stay in the write-ahead log or in the file's old pages (secure_delete is on).
            database.checkpoint();
        }
    }

    /**
     * Refuses to run with a key that does not open the stored secrets (a database restored without its {@code hold-key},
     * or another hub's key): every login with a second factor would fail otherwise, one by one.
     */
    private void requireKeyOpensSecrets() {
        database.read(connection -> AccountStore.anyWithSecretStarting(connection, SEALED)).ifPresent(account -> {
            try {
                open(account.username(), account.totpSecret());
            } catch (IllegalStateException e) {
                throw new IllegalStateException("the second-factor secrets in " + database.file()
                        + " do not decrypt with the key " + DataKey.FILE + " beside it: put back the "
                        + DataKey.FILE + " that belongs to this database (docs/PRODUCTION.md §11)", e);
            }
        });
    }

    private String seal(String username, String secret) {
        return secret == null ? null : SEALED + key.seal(context(username), secret);
    }

    private String open(String username, String stored) {
        if (stored == null) {
            return null;
        }
        return stored.startsWith(SEALED) ? key.open(context(username), stored.substring(SEALED.length())) : stored;
    }

    private static String context(String username) {
        return "account " + username + " totp";
    }

    /** Writes one audit entry in its own transaction: a login, a logout (docs/DESIGN.md §5). */
    public void audit(String actor, String action, String subject, String detail) {
        database.transaction(connection -> audit.append(connection, actor, action, subject, detail));
    }

    /** Disables an account; the caller ends its sessions. */
    public Account disable(String actor, String username) {
        return database.transaction(connection -> {
            Account account = find(connection, username).orElseThrow(() -> new AccountException("Onbekende gebruiker"));
            AccountStore.disable(connection, account.id());
            audit.append(connection, actor, "account.disable", account.username(), null);
            return find(connection, username).orElseThrow();
        });
    }

    /** A new TOTP secret for the account (the old app stops working); returns the new secret, to show once. */
    public String resetSecondFactor(String actor, String username) {
        String secret = Totp.newSecret();
        database.transaction(connection -> {
            Account account = find(connection, username).orElseThrow(() -> new AccountException("Onbekende gebruiker"));
            AccountStore.replaceSecret(connection, account.id(), seal(account.username(), secret));
            audit.append(connection, actor, "account.reset-second-factor", account.username(), null);
            return null;
        });
        return secret;
    }

    /**
     * A new password for the account, chosen by the hub and returned to be shown once (as at creation): the old one
     * stops working. Audited with the admin's name, never with the password. The caller ends the account's sessions.
     */
    public String resetPassword(String actor, String username, String password) {
        database.transaction(connection -> {
            Account account = find(connection, username).orElseThrow(() -> new AccountException("Onbekende gebruiker"));
            AccountStore.replacePasswordHash(connection, account.id(), hasher.hash(password));
            audit.append(connection, actor, "account.reset-password", account.username(), null);
            return null;
        });
        return password;
    }

    /** The newest logins, failed logins and logouts from the audit log (docs/DESIGN.md §5), at most {@code limit}. */
    public List<AuditLog.Entry> loginRecords(int limit) {
        return LOGIN_ACTIONS.stream().flatMap(action -> audit.entries(database, action, limit).stream())
                .sorted(Comparator.comparingLong(AuditLog.Entry::seq).reversed()).limit(limit).toList();
    }

    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        return database.read(connection -> find(connection, name));
    }

    public List<Account> list() {
        return database.read(connection -> AccountStore.all(connection).stream().map(this::opened).toList());
    }

    public boolean anyActive(Role role) {
        return list().stream().anyMatch(account -> account.role() == role && !account.disabled());
    }

    private Optional<Account> find(Connection connection, String username) throws SQLException {
        return AccountStore.find(connection, username).map(this::opened);
    }

    /** The account with its TOTP secret opened. */
    private Account opened(Account stored) {
        return new Account(stored.id(), stored.username(), stored.displayName(), stored.role(), stored.scope(),
                stored.passwordHash(), open(stored.username(), stored.totpSecret()), stored.disabled(),
                stored.createdAt());
    }
}
