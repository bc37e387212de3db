package nl.opvang.hub;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.audit.AuditVerifyCommand;
import nl.opvang.hub.demo.Demo;
import nl.opvang.hub.ops.OpsCommand;

/**
 * Starts the hub, or the demo with {@code --demo} (docs/DESIGN.md §2). Start-up problems: one line, exit code 2.
 * {@code audit-verify --data DIR [--anchor FILE]} checks the audit chain instead (docs/DESIGN.md §5).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(AuditVerifyCommand.NAME)) {
            System.exit(AuditVerifyCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (OpsCommand.isCommand(args)) {
            System.exit(new OpsCommand(System.out, System.err, Clock.systemUTC()).run(args));
            return;
        }
        HubConfig config;
        Hub hub;
        try {
            config = HubConfig.parse(args, System.getenv());
            hub = Hub.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("opvang-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        Demo demo;
        try {
            demo = config.demo() ? Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(),
                    Demo.Past.of(hub.inProcess().occupancy(), hub.inProcess().pastRequests(),
                            hub.inProcess().accounts().accounts())) : null;
        } catch (RuntimeException e) {
            hub.close(); // the hub's web threads would keep the process alive
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demo != null) {
                demo.close();
            }
            hub.close();
            System.out.println("opvang-hub stopped");
            stopped.countDown();
        }, "shutdown"));
        if (demo != null) {
            demo.printWelcome(System.out, hub.httpPort(), hub.metricsPort(), hub.mqttPort(), config.data() == null);
        }
        printAccounts(hub.accountSetup(), System.out);
        // The ready line comes last, so that whoever waits for it (a script, systemd, a test) finds everything above.
        System.out.println("opvang-hub ready http=" + hub.httpPort() + " mqtt=" + hub.mqttPort() + " metrics="
                + hub.metricsPort());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printAccounts(AccountSetup.Outcome setup, PrintStream out) {
        if (!setup.demoAccounts().isEmpty()) {
            out.println();
            out.println("  WARNING: demo accounts exist, all with password '" + AccountSetup.DEMO_PASSWORD
                    + "' and no second factor. Never use --demo with real data.");
            out.println("  Log in at /login as: " + String.join(", ", setup.demoAccounts()));
            out.println();
        }
        if (setup.createdAdmin() != null) {
            out.println("opvang-hub: created admin account '" + setup.createdAdmin() + "' with the given --admin-password.");
            if (setup.adminOtpauthUri() != null) {
                out.println("opvang-hub: add this to the admin's authenticator app now (shown only once): "
                        + setup.adminOtpauthUri());
            }
        }
        if (setup.noAdmin()) {
            out.println("opvang-hub: no admin account exists yet. Restart once with --admin-password (or "
                    + "OPVANG_ADMIN_PASSWORD), at least 12 characters, to create user 'admin'.");
        }
    }
}
