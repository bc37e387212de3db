package nl.opvang.hub.monitoring;

import java.util.List;
import java.util.Map;

/**
 * One monitoring answer (docs/MONITORING.md "Answers"): the figure and its definition version, the period and filters,
 * whether small cells were suppressed, whether client counts are estimates (retention removed token links of stays in
 * the period), and the rows.
 */
public record Answer(String figure, String title, String definition, String from, String to,
                     Map<String, String> filters, boolean suppressed, boolean estimate, String note, List<Row> rows) {
    static final String ESTIMATE = "Aantallen cliënten zijn een schatting: van oudere verblijven is de koppeling met de"
            + " pas verwijderd (bewaartermijn), die tellen elk als een cliënt.";
}
