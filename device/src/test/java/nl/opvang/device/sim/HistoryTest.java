package nl.opvang.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;

/** The demo's generated past (issue 16 item 4): realistic, and the same for the same seed. */
class HistoryTest {
    private static final Instant NOW = Instant.parse("2026-12-07T13:30:00Z");

    @Test
    void the_same_seed_gives_the_same_history_and_another_seed_another() {
        assertEquals(History.plan(nodes(), NOW, 16), History.plan(nodes(), NOW, 16));
        assertNotEquals(History.plan(nodes(), NOW, 16).steps(), History.plan(nodes(), NOW, 17).steps());
    }

    @Test
    void twelve_weeks_of_mostly_full_nights_with_returning_clients_turn_aways_origins_and_a_frost() {
        History.Plan plan = History.plan(nodes(), NOW, 16);
        Map<LocalDate, int[]> beds = new HashMap<>();
        for (History.Sample sample : plan.samples()) {
            if (sample.kind() != Kind.NOOD) {
                int[] sum = beds.computeIfAbsent(sample.night(), night -> new int[2]);
                sum[0] += sample.occupied();
                sum[1] += sample.capacity();
            }
        }
        assertEquals(7 * History.WEEKS, beds.size(), "every night of twelve weeks");
        assertEquals(LocalDate.parse("2026-12-06"), beds.keySet().stream().max(LocalDate::compareTo).orElseThrow());
        long full = beds.values().stream().filter(sum -> sum[0] >= 0.85 * sum[1]).count();
        assertTrue(full >= 0.8 * beds.size(), full + " of " + beds.size() + " nights at 85-100 %");

        List<History.CheckIn> checkIns = actions(plan, History.CheckIn.class);
        Map<String, Long> stays = checkIns.stream().collect(Collectors.groupingBy(History.CheckIn::pass, Collectors.counting()));
        assertTrue(stays.values().stream().filter(count -> count > 1).count() > 20, "clients who come back: " + stays.size());
        Set<String> origins = checkIns.stream().map(History.CheckIn::origin).collect(Collectors.toSet());
        assertTrue(origins.containsAll(Set.of("0307", "0308", "0342", "passant", "unknown")), "origins: " + origins);
        assertTrue(actions(plan, History.CheckOut.class).stream().allMatch(out -> History.DESTINATIONS.contains(out.destination())));
        List<History.TurnAway> turnAways = actions(plan, History.TurnAway.class);
        assertTrue(turnAways.size() > 20 && turnAways.stream().map(History.TurnAway::reason).distinct().count() >= 3,
                "turn-aways with reasons: " + turnAways.size());
        long frostNights = plan.samples().stream().filter(sample -> sample.kind() == Kind.NOOD && sample.capacity() > 0).count();
        assertEquals(7, frostNights, "a week with the noodbedden open");

        List<Instant> times = plan.steps().stream().map(History.Step::at).toList();
        assertEquals(times.stream().sorted().toList(), times, "in time order");
        assertTrue(times.get(0).isAfter(plan.start()) && times.get(times.size() - 1).isBefore(NOW), "all in the past");
        assertTrue(checkIns.stream().allMatch(in -> in.pass().matches("SIM\\d{9}")), "made-up pass numbers, no names");
    }

    @Test
    void ct_places_at_the_locations_it_places_at_mostly_accepted_within_minutes_and_the_check_in_names_the_request() {
        History.Plan without = History.plan(nodes(), NOW, 16);
        History.Plan plan = History.plan(nodes(), NOW, 16, Set.of("shelter"));
        assertEquals(List.of(), without.requests());
        assertEquals(without.samples(), plan.samples(), "the same story, with or without requests");
        assertEquals(without.steps().stream().map(HistoryTest::withoutHold).toList(),
                plan.steps().stream().map(HistoryTest::withoutHold).toList());
        assertEquals(plan, History.plan(nodes(), NOW, 16, Set.of("shelter")), "the same seed, the same requests");

        assertTrue(plan.requests().stream().allMatch(request -> request.node() == 0), "only where CT places");
        Map<History.Answer, List<History.Request>> byAnswer = plan.requests().stream()
                .collect(Collectors.groupingBy(History.Request::answer));
        List<History.Request> accepted = byAnswer.get(History.Answer.ACCEPTED);
        assertTrue(accepted.size() > 20 && accepted.size() > 3 * plan.requests().size() / 4 - 5,
                "mostly accepted: " + byAnswer.keySet() + " " + accepted.size() + " of " + plan.requests().size());
        Map<UUID, History.Step> namedBy = new HashMap<>();
        plan.steps().stream().filter(step -> step.action() instanceof History.CheckIn in && in.hold() != null)
                .forEach(step -> namedBy.put(((History.CheckIn) step.action()).hold(), step));
        assertEquals(accepted.size(), namedBy.size(), "one check-in per accepted request, none for others");
        for (History.Request request : accepted) {
            History.Step checkIn = namedBy.get(request.hold());
            assertEquals(request.checkedInAt(), checkIn.at());
            assertEquals(request.bed(), ((History.CheckIn) checkIn.action()).bed());
            assertTrue(request.at().isBefore(request.answeredAt()) && request.answeredAt().isBefore(checkIn.at())
                    && Duration.between(request.at(), checkIn.at()).compareTo(Duration.ofHours(2)) < 0,
                    "asked, answered, arrived within the two hours a hold runs: " + request);
        }
        double minutes = plan.requests().stream().filter(request -> request.answeredAt() != null)
                .mapToLong(request -> Duration.between(request.at(), request.answeredAt()).toMinutes()).average()
                .orElseThrow();
        assertTrue(minutes >= 3 && minutes <= 20, "answered within minutes: " + minutes);
        assertTrue(plan.requests().stream().allMatch(request -> (request.answer() == History.Answer.REFUSED)
                == (request.refusal() != null) && (request.answer() == History.Answer.NONE)
                == (request.answeredAt() == null)), "a reason for each refusal, no answer for none");
        assertEquals(plan.requests().stream().map(History.Request::hold).distinct().count(), plan.requests().size());
    }

    private static History.Step withoutHold(History.Step step) {
        return step.action() instanceof History.CheckIn in ? new History.Step(step.at(), step.node(),
                new History.CheckIn(in.bed(), in.pass(), in.origin(), null)) : step;
    }

    private static <T> List<T> actions(History.Plan plan, Class<T> type) {
        List<T> found = new ArrayList<>();
        plan.steps().stream().map(History.Step::action).filter(type::isInstance).map(type::cast).forEach(found::add);
        return found;
    }

    private static List<NodeConfig> nodes() {
        List<NodeConfig.BedConfig> shelter = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            shelter.add(new NodeConfig.BedConfig("S" + i, Kind.REGULAR));
        }
        List<NodeConfig.BedConfig> crisis = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            crisis.add(new NodeConfig.BedConfig("C" + i, i <= 2 ? Kind.CRISIS : Kind.FAMILY));
        }
        return List.of(
                NodeConfig.simulated("shelter", "shelter-1", "tcp://localhost:1", Path.of("unused"), shelter,
                        List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false))),
                NodeConfig.simulated("vo", "vo-1", "tcp://localhost:1", Path.of("unused"), crisis, List.of()));
    }
}
