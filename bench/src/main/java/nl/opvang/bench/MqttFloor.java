package nl.opvang.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The broker floor (docs/PERFORMANCE.md): one Paho v3 publisher and one subscriber in this JVM, QoS 1, clean sessions, about
 * 200 B JSON, a fresh topic per run. Throughput with an end-to-end window of 200 (a permit returns when the subscriber
 * receives); latency with one message in flight, from the publish call to {@code messageArrived}.
 */
public final class MqttFloor {
    static final byte[] PAYLOAD = ("{\"v\":1,\"site\":\"bench\",\"node\":\"bench-1\",\"seq\":1,\"type\":\"check_in\","
            + "\"bed\":\"W3-B12\",\"kind\":\"regular\",\"occupied\":true,\"at\":\"2026-11-22T22:15:40Z\",\"token\":"
            + "\"k1:3q2x7abcdefghijklmnopqrstuvwxyz0123456789\",\"origin\":\"0307\",\"pad\":\"........\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final int WINDOW = 200;

    private final String brokerUrl;
    private final AtomicInteger topics = new AtomicInteger();

    public MqttFloor(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    /** Figures: throughput msg/s, p50 ms, p99 ms (medians over runs). */
    public List<Figure> measure(Plan plan) throws Exception {
        List<double[]> throughput = plan.measure(run -> new double[] {throughput(plan.mqttMessages())});
        List<double[]> latency = plan.measure(run -> latency(plan.mqttLatency(), 0));
        List<double[]> paced = plan.measure(run -> latency(plan.sseCheckIns(), 5));
        String note = "Paho v3, QoS 1, " + PAYLOAD.length + " B";
        return List.of(
                Figure.info("floor: MQTT throughput (e2e window 200)", "msg/s", Plan.column(throughput, 0),
                        note + ", " + plan.mqttMessages() + " msgs/run"),
                Figure.info("floor: MQTT round trip p50", "ms", Plan.column(latency, 0), note + ", one in flight"),
                Figure.info("floor: MQTT round trip p99", "ms", Plan.column(latency, 1), note + ", one in flight"),
                Figure.info("floor: MQTT round trip p50, 5 ms apart", "ms", Plan.column(paced, 0),
                        note + ", paced as the SSE figure"),
                Figure.info("floor: MQTT round trip p99, 5 ms apart", "ms", Plan.column(paced, 1),
                        note + ", " + plan.sseCheckIns() + " msgs/run"));
    }

    double throughput(int count) throws Exception {
        String topic = "bench/floor/" + topics.incrementAndGet();
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger received = new AtomicInteger();
        AtomicLong lastNanos = new AtomicLong();
        try (Pair pair = new Pair(topic, (t, m) -> {
            lastNanos.set(System.nanoTime());
            received.incrementAndGet();
            window.release();
        })) {
            long first = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                publish(pair.publisher, topic);
            }
            if (!window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + received.get() + "/" + count + " messages arrived");
            }
            return count / ((lastNanos.get() - first) / 1e9);
        }
    }

    /** p50 and p99 in ms of one-in-flight round trips, {@code pauseMillis} apart (0: back to back). */
    double[] latency(int count, int pauseMillis) throws Exception {
        String topic = "bench/floor/" + topics.incrementAndGet();
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        long[] samples = new long[count];
        try (Pair pair = new Pair(topic, (t, m) -> arrivals.put(System.nanoTime()))) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                publish(pair.publisher, topic);
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("message " + i + " did not arrive");
                }
                samples[i] = arrived - start;
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        }
        return new double[] {Stats.millis(Stats.percentile(samples, 0.5)), Stats.millis(Stats.percentile(samples, 0.99))};
    }

    private static void publish(MqttAsyncClient client, String topic) throws MqttException, InterruptedException {
        while (true) {
            try {
                client.publish(topic, PAYLOAD, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** A connected publisher and subscriber on one topic. */
    private final class Pair implements AutoCloseable {
        final MqttAsyncClient publisher;
        final MqttAsyncClient subscriber;

        Pair(String topic, Clients.Handler arrival) throws MqttException {
            subscriber = Clients.connect(brokerUrl, "floor-sub-" + topics.get(), true);
            subscriber.setCallback(Clients.onMessage(arrival));
            subscriber.subscribe(topic, 1).waitForCompletion(10_000);
            publisher = Clients.connect(brokerUrl, "floor-pub-" + topics.get(), true);
        }

        @Override
        public void close() {
            Clients.close(publisher);
            Clients.close(subscriber);
        }
    }
}
