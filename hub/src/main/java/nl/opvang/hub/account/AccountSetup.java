package nl.opvang.hub.account;

import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;

/**
 * The accounts a hub starts with. The demo gets one account per role with password {@code demo} and no second factor
 * (docs/DESIGN.md §5), and says so loudly. A real hub without an admin creates one from {@code --admin-password};
 * without that flag it explains how.
 */
public final class AccountSetup {
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_VO_PROVIDER = "Kwintes";
    /** The demo's CT account (also the placer of the demo history's requests, hub demo.Demo). */
    public static final String DEMO_CT = "ct";
    static final String SYSTEM = "system";

    private AccountSetup() {
    }

    /**
     * What start-up did: the demo accounts created, or the admin created (with the link for its code app, shown once),
     * or that no admin exists yet.
     */
    public record Outcome(List<String> demoAccounts, String createdAdmin, String adminOtpauthUri, boolean noAdmin) {
    }

    public static Outcome prepare(Accounts accounts, Registry registry, String adminPassword) {
        if (accounts.demo()) {
            return new Outcome(demo(accounts, registry), null, null, false);
        }
        if (accounts.anyActive(Role.ADMIN)) {
            return new Outcome(List.of(), null, null, false);
        }
        if (adminPassword == null) {
            return new Outcome(List.of(), null, null, true);
        }
        Account admin = accounts.create(SYSTEM, "admin", "Beheerder", Role.ADMIN, null, adminPassword);
        String uri = admin.totpSecret() == null ? null : Totp.uri(AdminRoutes.ISSUER, admin.username(), admin.totpSecret());
        return new Outcome(List.of(), admin.username(), uri, false);
    }

    private static List<String> demo(Accounts accounts, Registry registry) {
        List<String> created = new ArrayList<>();
        create(accounts, created, DEMO_CT, "Centrale Toegang (demo)", Role.CT, null);
        create(accounts, created, "veiligthuis", "Veilig Thuis (demo)", Role.VEILIG_THUIS, null);
        create(accounts, created, "vo-desk", "VO-loket Kwintes (demo)", Role.VO_DESK, DEMO_VO_PROVIDER);
        create(accounts, created, "admin", "Beheerder (demo)", Role.ADMIN, null);
        create(accounts, created, "privacy", "Privacyfunctionaris gemeente (demo)", Role.PRIVACY, null);
        create(accounts, created, "gemeente", "Beleid centrumgemeente (demo)", Role.GEMEENTE, null);
        for (Location location : registry.locations()) {
            create(accounts, created, "nacht-" + location.code(), "Nachtdienst " + location.name() + " (demo)",
                    Role.NIGHT_STAFF, location.code());
        }
        return created;
    }

    private static void create(Accounts accounts, List<String> created, String username, String displayName, Role role,
                               String scope) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(SYSTEM, username, displayName, role, scope, DEMO_PASSWORD);
        }
        created.add(username);
    }
}
