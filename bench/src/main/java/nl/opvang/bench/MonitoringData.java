package nl.opvang.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.opvang.protocol.Destination;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.TurnAwayReason;

/**
 * The monitoring tables (hub V60 {@code monitor_stay}, {@code monitor_turn_away}; {@code occupancy_night};
 * {@code hold}) as the ingest would leave them after {@code years} of a {@link BenchRegion}, written in bulk in one
 * transaction (docs/PERFORMANCE.md "Monitoring"). The shape of the demo history (device sim History): every place
 * taken again within a night or two, stays of days (crisis) to weeks, a third of the clients coming back, turn-aways
 * on full nights, a request for a place now and then.
 */
final class MonitoringData {
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final List<String> ORIGINS = List.of("0307", "0307", "0307", "0308", "0313", "0327", "0267", "0342",
            "0351", "0599", "0363", "passant", "unknown");

    /** Rows written: stays, turn-aways, occupancy nights, holds; and the events they stand for. */
    record Counts(long stays, long turnAways, long nights, long holds) {
        /** Check-ins and check-outs, turn-aways, requests and their answers. */
        long events() {
            return 2 * stays + turnAways + 2 * holds;
        }
    }

    private final Random random = new Random(10);
    private final Map<Long, long[]> clients = new HashMap<>(); // token → {stays, last out ms}
    private final Map<Long, List<Long>> stayTimes = new HashMap<>();
    private long nextToken = 1;

    Counts write(Connection connection, int locations, LocalDate first, int nights) throws SQLException {
        long stays = 0;
        long turnAways = 0;
        long holds = 0;
        try (PreparedStatement stay = connection.prepareStatement("""
                INSERT INTO monitor_stay (location, node, session, seq, place, kind, token_id, origin, in_ms, first_night,
                    out_ms, last_night, destination, ended, first_ever, days_since_last, stays_year)
                VALUES (?, ?, 's', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement away = connection.prepareStatement("""
                INSERT INTO monitor_turn_away (night, location, kind, reason, count) VALUES (?, ?, ?, ?, ?)""");
             PreparedStatement night = connection.prepareStatement("""
                INSERT INTO occupancy_night (night, location, kind, occupied, capacity, samples, sampled_ms)
                VALUES (?, ?, ?, ?, ?, 96, 0)""");
             PreparedStatement hold = connection.prepareStatement("""
                INSERT INTO hold (id, site, node, kind, state, requester_id, requester_name, requester_role, created_ms,
                    expires_ms, answered_ms, accepted_bed, refusal) VALUES (?, ?, ?, ?, ?, 1, 'bench', 'vt', ?, ?, ?, ?, ?)""")) {
            long seq = 0;
            for (int location = 1; location <= locations; location++) {
                String site = BenchRegion.site(location);
                String node = BenchRegion.node(location);
                int[][] occupied = new int[2][nights];
                List<String> beds = new ArrayList<>(BenchRegion.regularBeds());
                beds.add("C1");
                for (String bed : beds) {
                    String kind = bed.equals("C1") ? "crisis" : "regular";
                    int day = random.nextInt(3);
                    while (day < nights) {
                        int length = 1 + (int) Math.round(-Math.log(1 - random.nextDouble()) * (kind.equals("crisis") ? 3 : 14));
                        int last = day + length - 1;
                        boolean open = last >= nights - 1;
                        for (int n = day; n <= Math.min(last, nights - 1); n++) {
                            occupied[kind.equals("crisis") ? 1 : 0][n]++;
                        }
                        stay(stay, ++seq, site, node, bed, kind, first.plusDays(day), open ? null : first.plusDays(last));
                        stays++;
                        day = last + 1 + random.nextInt(2);
                    }
                }
                for (int n = 0; n < nights; n++) {
                    String date = first.plusDays(n).toString();
                    night.setString(1, date);
                    night.setString(2, site);
                    for (int k = 0; k < 2; k++) {
                        night.setString(3, k == 0 ? "regular" : "crisis");
                        night.setInt(4, occupied[k][n]);
                        night.setInt(5, k == 0 ? BenchRegion.REGULAR_BEDS : 1);
                        night.addBatch();
                    }
                    if (occupied[0][n] == BenchRegion.REGULAR_BEDS && random.nextDouble() < 0.5) {
                        TurnAwayReason reason = random.nextDouble() < 0.6 ? TurnAwayReason.FULL
                                : TurnAwayReason.values()[random.nextInt(TurnAwayReason.values().length)];
                        int count = 1 + random.nextInt(3);
                        away.setString(1, date);
                        away.setString(2, site);
                        away.setString(3, "regular");
                        away.setString(4, reason.wire());
                        away.setInt(5, count);
                        away.addBatch();
                        turnAways += count;
                    }
                    if (random.nextDouble() < 0.15) {
                        hold(hold, site, node, first.plusDays(n), ++holds);
                    }
                }
                night.executeBatch();
                away.executeBatch();
                hold.executeBatch();
                stay.executeBatch();
            }
        }
        return new Counts(stays, turnAways, (long) locations * nights * 2, holds);
    }

    private void stay(PreparedStatement stay, long seq, String site, String node, String bed, String kind,
                      LocalDate firstNight, LocalDate lastNight) throws SQLException {
        long token = !clients.isEmpty() && random.nextDouble() < 0.35 ? 1 + random.nextInt((int) nextToken - 1)
                : nextToken++;
        long inMs = firstNight.atTime(21, 0).atZone(ZONE).toInstant().toEpochMilli();
        long[] client = clients.computeIfAbsent(token, t -> new long[] {0, -1});
        List<Long> times = stayTimes.computeIfAbsent(token, t -> new ArrayList<>());
        times.removeIf(time -> time < inMs - 365L * 86_400_000);
        Long outMs = lastNight == null ? null : lastNight.plusDays(1).atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli();
        boolean checkedOut = random.nextDouble() < 0.85;
        int i = 1;
        stay.setString(i++, site);
        stay.setString(i++, node);
        stay.setLong(i++, seq);
        stay.setString(i++, bed);
        stay.setString(i++, kind);
        stay.setLong(i++, token);
        stay.setString(i++, ORIGINS.get(random.nextInt(ORIGINS.size())));
        stay.setLong(i++, inMs);
        stay.setString(i++, firstNight.toString());
        stay.setObject(i++, outMs);
        stay.setString(i++, lastNight == null ? null : lastNight.toString());
        stay.setString(i++, lastNight == null || !checkedOut ? null
                : Destination.values()[random.nextInt(Destination.values().length)].wire());
        stay.setString(i++, lastNight == null ? null : checkedOut ? "check_out" : "no_check_out");
        stay.setInt(i++, client[0] == 0 ? 1 : 0);
        stay.setObject(i++, client[1] < 0 ? null : Math.max(0, (inMs - client[1]) / 86_400_000));
        stay.setInt(i, times.size() + 1);
        stay.addBatch();
        client[0]++;
        client[1] = outMs == null ? inMs : outMs;
        times.add(inMs);
    }

    private void hold(PreparedStatement hold, String site, String node, LocalDate night, long id) throws SQLException {
        long created = night.atTime(16, 0).atZone(ZONE).toInstant().toEpochMilli() + random.nextInt(6 * 3_600_000);
        double roll = random.nextDouble();
        String state = roll < 0.7 ? "fulfilled" : roll < 0.9 ? "refused" : "expired";
        Long answered = state.equals("expired") ? null : created + 60_000L + random.nextInt(20 * 60_000);
        hold.setString(1, "h" + id);
        hold.setString(2, site);
        hold.setString(3, node);
        hold.setString(4, "regular");
        hold.setString(5, state);
        hold.setLong(6, created);
        hold.setLong(7, created + 30 * 60_000L);
        hold.setObject(8, answered);
        hold.setString(9, state.equals("fulfilled") ? "B1" : null);
        hold.setString(10, state.equals("refused") ? (random.nextBoolean() ? HoldRefusal.NO_PLACE
                : HoldRefusal.SAFETY).label() : null);
        hold.addBatch();
    }
}
