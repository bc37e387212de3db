package nl.opvang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.UUID;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.store.Database;

/**
 * Hub restart with many stored events (docs/DESIGN.md §8). The data folder is made by the hub itself (its migrations
 * and its registry seed), then filled with {@code count} events written straight into its {@code event} table through
 * the hub's own {@link Database} (rows shaped as the ingest writes them, in transactions of 10,000), with each node's
 * cursor set to its last event: publishing a million events would take minutes and measure the ingest again. The clock
 * runs from {@link Hub#start} to the first 200 of {@code GET /api/v1/availability}.
 */
final class RestartBench {
    private final String brokerUrl;
    private final Path region;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    RestartBench(String brokerUrl, Path region, Path dataDir) {
        this.brokerUrl = brokerUrl;
        this.region = region;
        this.dataDir = dataDir;
    }

    private HubConfig config() {
        // No rate limit: the bench polls the availability API as fast as it can, from one address.
        return HubConfig.builder().loopbackAnyPorts().mqttUrl(brokerUrl).data(dataDir).region(region).httpRateLimit(0).build();
    }

    /** Creates the data folder and stores {@code count} events over {@code nodes} nodes; returns seconds taken. */
    double prepare(int count, int nodes) {
        long start = System.nanoTime();
        Hub.start(config(), Clock.systemUTC()).close();
        Database database = Database.open(dataDir);
        try {
            String[] sessions = new String[nodes + 1];
            for (int i = 1; i <= nodes; i++) {
                sessions[i] = UUID.randomUUID().toString();
            }
            int perNode = count / nodes;
            if (perNode * nodes != count) {
                throw new IllegalArgumentException(count + " events do not divide over " + nodes + " nodes");
            }
            long receivedMs = System.currentTimeMillis();
            int batch = 10_000;
            for (int from = 0; from < count; from += batch) {
                int first = from;
                int last = Math.min(count, from + batch);
                database.transaction(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO event (node, session, seq, id, type, node_ms, received_ms, token_id, body, rejected)
                            VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)""")) {
                        for (int n = first; n < last; n++) {
                            int node = 1 + n / perNode;
                            long seq = 1 + n % perNode;
                            String bed = "B" + (1 + (seq / 2) % BenchRegion.REGULAR_BEDS);
                            boolean in = seq % 2 == 0;
                            insert.setString(1, BenchRegion.node(node));
                            insert.setString(2, sessions[node]);
                            insert.setLong(3, seq);
                            insert.setString(4, UUID.randomUUID().toString());
                            insert.setString(5, in ? "check_in" : "check_out");
                            insert.setLong(6, receivedMs);
                            insert.setLong(7, receivedMs);
                            insert.setString(8, in ? "{\"bed\":\"" + bed + "\",\"kind\":\"regular\",\"origin\":\"0307\"}"
                                    : "{\"bed\":\"" + bed + "\",\"kind\":\"regular\",\"destination\":\"eigen-woning\"}");
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    return null;
                });
            }
            database.transaction(connection -> {
                try (PreparedStatement cursor = connection.prepareStatement("""
                        UPDATE node SET session = ?, last_seq = (SELECT max(seq) FROM event WHERE event.node = node.code),
                            last_seen_ms = ? WHERE code = ?""")) {
                    for (int i = 1; i <= nodes; i++) {
                        cursor.setString(1, sessions[i]);
                        cursor.setLong(2, receivedMs);
                        cursor.setString(3, BenchRegion.node(i));
                        cursor.addBatch();
                    }
                    cursor.executeBatch();
                }
                return null;
            });
        } finally {
            database.close();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Events stored in the data folder. */
    long storedEvents() {
        Database database = Database.open(dataDir);
        try {
            return database.read(connection -> {
                try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT count(*) FROM event")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        } finally {
            database.close();
        }
    }

    /** One run: seconds from {@code Hub.start} to the first answer of the availability query over HTTP. */
    double[] run() throws Exception {
        long start = System.nanoTime();
        try (Hub hub = Hub.start(config(), Clock.systemUTC())) {
            long started = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/v1/availability"))
                    .header("Authorization", "Bearer " + BenchAuth.token(hub)).GET().build();
            while (true) {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    long served = System.nanoTime();
                    return new double[] {(served - start) / 1e9, (started - start) / 1e9};
                }
                Thread.sleep(5);
            }
        }
    }
}
