package nl.opvang.device.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The people the live simulation knows, shared by all its nodes: everyone the demo history let stay (their pass
 * numbers, so the same tokens at the hub, with their municipality of origin) and everyone it checked in since. Who
 * arrives is often someone who stayed before and is not inside anywhere now, as in {@link History}: so the returning
 * clients and the first-ever stays of the live days go on as the history's did. Called from the simulation's threads.
 */
final class Clients {
    /** The chance that someone arriving stayed before (the history's share of returning check-ins). */
    static final double RETURNING = 0.35;

    private final Map<String, String> origins = new LinkedHashMap<>();
    private final List<String> known = new ArrayList<>();
    private final Set<String> inside = new HashSet<>();

    /** Starts from the history's people ({@code origins}: pass → origin) and who is in a bed now. */
    Clients(Map<String, String> origins, Set<String> inside) {
        this.origins.putAll(origins);
        this.known.addAll(origins.keySet());
        this.inside.addAll(inside);
    }

    /** A client who arrives: the pass number and the municipality of origin. */
    record Arrival(String pass, String origin) {
    }

    /** Someone who comes in now, at a random pick: often a known client not inside, else someone new. */
    synchronized Arrival arrive(Random random, List<String> originChoices) {
        if (random.nextDouble() < RETURNING) {
            for (int tries = 0; tries < 5 && !known.isEmpty(); tries++) {
                String pass = known.get(random.nextInt(known.size()));
                if (!inside.contains(pass)) {
                    inside.add(pass);
                    return new Arrival(pass, origins.get(pass));
                }
            }
        }
        String pass;
        do {
            pass = "SIM" + (100_000_000 + random.nextInt(600_000_000));
        } while (origins.containsKey(pass));
        String origin = originChoices.get(random.nextInt(originChoices.size()));
        origins.put(pass, origin);
        known.add(pass);
        inside.add(pass);
        return new Arrival(pass, origin);
    }

    /** The client with {@code pass} left (or could not be checked in after all). */
    synchronized void left(String pass) {
        inside.remove(pass);
    }

    synchronized boolean isInside(String pass) {
        return inside.contains(pass);
    }
}
