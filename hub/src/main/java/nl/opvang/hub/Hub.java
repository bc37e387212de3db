package nl.opvang.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.PastRequests;
import nl.opvang.hub.report.OccupancyRecorder;

/**
 * The running hub (docs/DESIGN.md §2): built by its composition root ({@link HubWiring}), it knows where it can be
 * reached and closes what the root opened, in reverse order. Its parts get their dependencies by constructor, never
 * from here.
 */
public final class Hub implements AutoCloseable {
    /** Where the running hub answers, and the data folder it uses. */
    record Addresses(int httpPort, String mqttUrl, int metricsPort, Path dataDir) {
    }

    /**
     * The parts that a caller in the same JVM drives directly: the demo (which nodes to simulate), in-process tests
     * and the benchmarks. The hub's own parts never reach them through here.
     */
    public record InProcess(Registry registry, AvailabilityProjection projection, HoldService holds,
                            AccountWeb accounts, OccupancyRecorder occupancy, PastRequests pastRequests) {
    }

    private final Opened opened;
    private final Addresses addresses;
    private final AccountSetup.Outcome accountSetup;
    private final BooleanSupplier brokerConnected;
    private final InProcess inProcess;

    Hub(Opened opened, Addresses addresses, AccountSetup.Outcome accountSetup, BooleanSupplier brokerConnected,
        InProcess inProcess) {
        this.opened = opened;
        this.addresses = addresses;
        this.accountSetup = accountSetup;
        this.brokerConnected = brokerConnected;
        this.inProcess = inProcess;
    }

    /**
     * Starts the hub; a problem with how it was started is a {@link ConfigException} naming the problem and the fix.
     * A failed start has closed whatever it had opened.
     */
    public static Hub start(HubConfig config, Clock clock) {
        return HubWiring.start(config, clock);
    }

    /** The accounts start-up created, or that an admin is missing (printed by {@link Main}). */
    public AccountSetup.Outcome accountSetup() {
        return accountSetup;
    }

    public Path dataDir() {
        return addresses.dataDir();
    }

    public int httpPort() {
        return addresses.httpPort();
    }

    /** The port of the metrics listener ({@code GET /metrics}). */
    public int metricsPort() {
        return addresses.metricsPort();
    }

    public String mqttUrl() {
        return addresses.mqttUrl();
    }

    public int mqttPort() {
        return URI.create(addresses.mqttUrl()).getPort();
    }

    /** Whether the hub's MQTT gateway is connected to its broker now (as {@code /health} reports it). */
    public boolean brokerConnected() {
        return brokerConnected.getAsBoolean();
    }

    /** See {@link InProcess}. */
    public InProcess inProcess() {
        return inProcess;
    }

    /** Closes the web and metrics listeners, the ticker, the gateway, the broker and the database, in that order. */
    @Override
    public void close() {
        opened.close();
    }
}
