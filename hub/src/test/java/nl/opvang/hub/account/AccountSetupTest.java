package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSetupTest {
    @TempDir
    Path dataDir;
    Database database;

    private Registry registry() {
        database = Database.open(dataDir);
        Registry.seed(database, RegionFile.resource(RegionFile.SEED));
        return Registry.load(database, "amersfoort");
    }

    private Accounts accounts(boolean demo) {
        return new Accounts(database, new AuditLog(Clock.systemUTC()), new PasswordHasher(), Clock.systemUTC(), demo);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_demo_gets_one_account_per_role_and_night_staff_for_every_site_with_password_demo() {
        Registry registry = registry();
        Accounts accounts = accounts(true);

        AccountSetup.Outcome outcome = AccountSetup.prepare(accounts, registry, null);

        assertEquals(List.of("ct", "veiligthuis", "vo-desk", "admin", "privacy", "gemeente"),
                outcome.demoAccounts().subList(0, 6));
        assertTrue(outcome.demoAccounts().containsAll(List.of("nacht-smallepad", "nacht-kw-vo", "nacht-noodbedden")));
        assertEquals(6 + registry.locations().size(), outcome.demoAccounts().size());
        Account vo = accounts.find("vo-desk").orElseThrow();
        assertEquals(Role.VO_DESK, vo.role());
        assertEquals("Kwintes", vo.scope());
        assertNull(vo.totpSecret(), "no second factor in the demo");
        assertTrue(new PasswordHasher().verify("demo", accounts.find("nacht-kw-vo").orElseThrow().passwordHash()));
    }

    @Test
    void a_real_hub_without_an_admin_says_so_or_creates_one_with_a_second_factor_from_a_long_password() {
        Registry registry = registry();
        Accounts accounts = accounts(false);

        assertTrue(AccountSetup.prepare(accounts, registry, null).noAdmin());
        assertThrows(AccountException.class, () -> AccountSetup.prepare(accounts, registry, "te-kort"));
        AccountSetup.Outcome created = AccountSetup.prepare(accounts, registry, "een-lang-beheerwachtwoord");

        assertEquals("admin", created.createdAdmin());
        assertTrue(created.adminOtpauthUri().startsWith("otpauth://totp/opvang%3Aadmin?secret="), created.adminOtpauthUri());
        assertFalse(AccountSetup.prepare(accounts, registry, "een-lang-beheerwachtwoord").noAdmin(), "only once");
        assertEquals(1, accounts.list().size());
    }
}
