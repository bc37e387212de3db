package nl.opvang.hub;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import nl.opvang.hub.demo.Demo;
import nl.opvang.hub.ops.OpsCommand;

/** Starts the hub, or the demo with {@code --demo} (DESIGN §2). Start-up problems: one line, exit code 2. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (OpsCommand.isCommand(args)) {
            System.exit(new OpsCommand(System.out, System.err).run(args));
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
        Demo demo = config.demo() ? Demo.start(hub) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demo != null) {
                demo.close();
            }
            hub.close();
            System.out.println("opvang-hub stopped");
            stopped.countDown();
        }, "shutdown"));
        System.out.println("opvang-hub ready http=" + hub.httpPort() + " mqtt=" + hub.mqttPort());
        if (demo != null) {
            demo.printWelcome(System.out);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
