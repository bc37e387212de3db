package nl.opvang.hub.monitoring;

import java.util.List;
import java.util.Map;

/**
 * One monitoring answer (docs/MONITORING.md "Answers"): the figure and its definition version, the period and filters,
 * whether small cells were suppressed, whether client counts are estimates (retention removed token links of stays in
 * the period), the rows, and with {@code per=locatie} the same rows per location.
 */
public record Answer(String figure, String title, String definition, String from, String to,
                     Map<String, String> filters, boolean suppressed, boolean estimate, String note, List<Row> rows,
                     List<LocationRows> locations) {
    /**
     * One row of the per-location breakdown ({@code per=locatie}): a location's code and name, or for the secret
     * locations of a provider {@code vo:<provider>} and "Vrouwenopvang (provider)"; and its rows.
     */
    public record LocationRows(String location, String label, List<Row> rows) {
    }

    static final String ESTIMATE = "Aantallen cliënten zijn een schatting: van sommige verblijven is de koppeling met"
            + " de pas verwijderd (na de bewaartermijn of op verzoek), die tellen elk als een cliënt.";
}
