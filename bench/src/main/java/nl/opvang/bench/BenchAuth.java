package nl.opvang.bench;

import nl.opvang.hub.Hub;
import nl.opvang.hub.account.Account;
import nl.opvang.hub.account.Accounts;
import nl.opvang.hub.account.Sessions;
import nl.opvang.hub.http.Role;

/**
 * A CT bearer token for the bench's HTTP figures. The bench runs the hub in its own JVM, so it makes the account and
 * the session in-process: a password login (Argon2, second factor) is not what these figures measure.
 */
final class BenchAuth {
    static final String USER = "bench-ct";

    private BenchAuth() {
    }

    static String token(Hub hub) {
        Accounts accounts = hub.inProcess().accounts().accounts();
        Account account = accounts.find(USER).orElseGet(() -> accounts.create("bench", USER, "Benchmark", Role.CT, null,
                "a-bench-password-not-a-secret"));
        return hub.inProcess().accounts().sessions().start(account, Sessions.Kind.API).token();
    }
}
