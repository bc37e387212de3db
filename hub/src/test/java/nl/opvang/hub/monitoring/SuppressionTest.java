package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Complementary suppression on small tables worked by hand (docs/MONITORING.md "Small cells"). */
class SuppressionTest {
    @Test
    void a_total_with_one_small_part_hides_the_next_smallest_part_too() {
        Tally tally = turnAways(20, 9, 8, 3);

        List<Row> rows = Suppression.apply(List.of(tally)).get(0);

        assertEquals("20", rows.get(0).cell().shown());
        assertEquals("9", rows.get(1).cell().shown(), "the larger part stays");
        assertEquals(Suppression.HIDDEN, rows.get(2).cell().shown(), "8 hidden: else 20 - 9 - 8 gives the 3");
        assertEquals("< 5", rows.get(3).cell().shown());
    }

    @Test
    void a_location_with_the_only_small_cell_of_a_row_hides_the_smallest_other_location_and_so_on() {
        Tally total = turnAways(30, 20, 5, 5);
        Tally first = turnAways(22, 12, 5, 5);
        Tally second = turnAways(8, 8, 0, 0);

        List<List<Row>> columns = Suppression.apply(List.of(total, first, second));

        // Row "full": 20 = 12 + 8 shows all; rows "not_suitable" and "other": the second location's 0 is the only
        // small cell, so the first location's 5 is hidden too, and then its total 22 = 12 + ? + ? needs two: it has.
        assertEquals("< 5", columns.get(2).get(2).cell().shown());
        assertEquals(Suppression.HIDDEN, columns.get(1).get(2).cell().shown());
        assertEquals(Suppression.HIDDEN, columns.get(1).get(3).cell().shown());
        assertEquals("20", columns.get(0).get(1).cell().shown(), "totals stay shown");
        assertFalse(columns.get(0).get(0).cell().suppressed());
    }

    @Test
    void a_rate_is_hidden_with_the_counts_it_would_give_away() {
        Tally tally = new Tally().count("bezetting", "place_nights", "p", 100).count("bezetting", "occupied_nights", "o", 97)
                .value("bezetting", "occupancy_rate", "r", 97.0, "%", 97, "bezetting/place_nights",
                        "bezetting/occupied_nights", "bezetting/vacancy")
                .count("bezetting", "vacancy", "v", 3)
                .relation("bezetting/place_nights", List.of("bezetting/occupied_nights", "bezetting/vacancy"));

        List<Row> rows = Suppression.apply(List.of(tally)).get(0);

        assertEquals(Suppression.HIDDEN, rows.get(1).cell().shown(), "97 hidden: 100 - 97 gives the 3");
        assertEquals(Suppression.HIDDEN, rows.get(2).cell().shown(), "97 % of 100 gives the 97");
        assertEquals("< 5", rows.get(3).cell().shown());
    }

    private static Tally turnAways(long total, long full, long notSuitable, long other) {
        return new Tally().count("weggestuurd", "turn_aways", "t", total).count("weggestuurd", "full", "f", full)
                .count("weggestuurd", "not_suitable", "n", notSuitable).count("weggestuurd", "other", "o", other)
                .relation("weggestuurd/turn_aways", List.of("weggestuurd/full", "weggestuurd/not_suitable",
                        "weggestuurd/other"));
    }
}
