package nl.opvang.hub;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the composition root has opened so far (the database, the broker, the gateway, threads, listeners), closed in
 * the reverse order: when a later step of the start fails, and when the hub stops. A part that fails to close does not
 * keep the parts before it open.
 */
final class Opened implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Opened.class);

    private record Part(String name, AutoCloseable closer) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Remembers {@code part}, opened just now, to be closed before everything opened earlier. */
    <T extends AutoCloseable> T add(String name, T part) {
        parts.push(new Part(name, part));
        return part;
    }

    /** After a failed start: closes everything and attaches what could not be closed to the failure itself. */
    void closeAfter(Throwable failure) {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.closer().close();
            } catch (Exception | Error e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.closer().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while closing {}", part.name());
            } catch (Exception e) {
                LOG.warn("Could not close {}", part.name(), e);
            }
        }
    }
}
