package nl.opvang.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline, the one way every part of the bench waits. */
final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code seconds}. Polls every 2 ms. */
    static void until(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            Thread.sleep(2);
        }
    }
}
