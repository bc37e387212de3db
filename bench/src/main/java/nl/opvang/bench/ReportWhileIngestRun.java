package nl.opvang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.hub.Hub;

/**
 * Peak durable ingest while the monitoring report is read (issue 16: "the ingest figures may drop no more than 10 %"):
 * the hub's database first gets three years of monitoring rows for 200 of its locations ({@link MonitoringData}, as in
 * {@code --monitoring}); then runs of the peak ingest alone and runs with a reader that, from the first publish to
 * the last ack, asks the whole report for a year over HTTP as CT (every figure of {@code /monitor}, one after the
 * other, again and again), in turn. The ratio of the two medians is the figure. Full plan only: it needs the full
 * runs to be read, and CI's quick run does not need it.
 */
final class ReportWhileIngestRun {
    private final Plan plan;
    private final Report report;
    private final String brokerUrl;
    private final Map<String, Long> processes;

    ReportWhileIngestRun(Plan plan, Report report, String brokerUrl, Map<String, Long> processes) {
        this.plan = plan;
        this.report = report;
        this.brokerUrl = brokerUrl;
        this.processes = processes;
    }

    void run(Hub hub) throws Exception {
        LocalDate first = LocalDate.of(2023, 1, 1);
        int nights = (int) (first.plusYears(MonitoringBench.YEARS).toEpochDay() - first.toEpochDay());
        // The hub runs on: a second connection to its file, waiting for the hub's own commits (WAL, one writer).
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir().resolve("hub.db"));
             Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA busy_timeout = 60000");
            connection.setAutoCommit(false);
            new MonitoringData().write(connection, MonitoringBench.LOCATIONS, first, nights);
            connection.commit();
        }
        String year = Integer.toString(first.getYear() + MonitoringBench.YEARS - 1);
        Reader reader = new Reader(hub.httpPort(), BenchAuth.token(hub), year);
        IngestBench bench = new IngestBench(brokerUrl, 1, processes);
        List<Double> alone = new ArrayList<>();
        List<Double> reading = new ArrayList<>();
        List<Double> reports = new ArrayList<>();
        plan.measure(run -> {
            alone.add(bench.run(plan.ingestNodes(), plan.ingestEvents())[0]);
            reading.add(reader.during(() -> bench.run(plan.ingestNodes(), plan.ingestEvents())[0]));
            reports.add((double) reader.answers.getAndSet(0));
            return new double[0];
        });
        int measured = plan.runs();
        List<Double> aloneMeasured = alone.subList(alone.size() - measured, alone.size());
        List<Double> readingMeasured = reading.subList(reading.size() - measured, reading.size());
        double ratio = Stats.median(readingMeasured) / Stats.median(aloneMeasured);
        report.add(Figure.info("peak durable ingest, runs alone", "events/s", aloneMeasured,
                "in turn with the runs below, same hub"));
        report.add(Figure.atLeast("peak durable ingest while the report is read", "events/s",
                readingMeasured, "the runs alone", Stats.median(aloneMeasured), 0.9 * Stats.median(aloneMeasured),
                "a reader asks every figure for a "
                        + "year as CT over HTTP, again and again, from first publish to last ack; monitoring tables of "
                        + "3 years × 2,000 places; ratio " + Figure.format(ratio) + " (target: at most 10 % lower)"));
        report.add(Figure.info("monitoring answers read during an ingest run", "answers",
                reports.subList(reports.size() - measured, reports.size()), "8 figures per report"));
    }

    /** Reads the report in a loop on its own thread while a run goes on. */
    private static final class Reader {
        private final HttpClient client = HttpClient.newHttpClient();
        private final int port;
        private final String token;
        private final String year;
        private final AtomicInteger answers = new AtomicInteger();

        Reader(int port, String token, String year) {
            this.port = port;
            this.token = token;
            this.year = year;
        }

        double during(Measured run) throws Exception {
            AtomicBoolean going = new AtomicBoolean(true);
            List<Exception> failures = new ArrayList<>();
            Thread thread = new Thread(() -> {
                try {
                    while (going.get()) {
                        for (nl.opvang.hub.monitoring.Figure figure : nl.opvang.hub.monitoring.Figure.values()) {
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + port + "/api/v1/monitoring/" + figure.path() + "?jaar=" + year))
                                    .header("Authorization", "Bearer " + token).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                throw new IllegalStateException(figure.path() + ": " + answer.statusCode() + " "
                                        + answer.body());
                            }
                            answers.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "bench-report-reader");
            thread.start();
            try {
                return run.run();
            } finally {
                going.set(false);
                thread.join();
                if (!failures.isEmpty()) {
                    throw failures.get(0);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Measured {
        double run() throws Exception;
    }
}
