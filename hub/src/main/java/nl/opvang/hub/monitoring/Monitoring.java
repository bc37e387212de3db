package nl.opvang.hub.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;

/**
 * Answers the monitoring questions (docs/MONITORING.md) from the tables the ingest keeps up to date ({@link LedgerStore})
 * and the occupancy samples: one read per answer, no scan of the event log.
 */
public final class Monitoring {
    private static final int DEFAULT_STAYS = 3;

    private final Database database;
    private final Registry registry;
    private final Municipalities municipalities;
    private final Clock clock;

    public Monitoring(Database database, Registry registry, List<String> regionMunicipalities, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.municipalities = new Municipalities(regionMunicipalities);
        this.clock = clock;
    }

    /**
     * The answer to {@code figure} for the question in {@code query} (a query parameter's value or null);
     * {@code gemeente}: small cells suppressed and secret locations not named (docs/DESIGN.md §5).
     */
    public Answer answer(Figure figure, Function<String, String> query, boolean gemeente) {
        Instant now = clock.instant();
        Selection selection = Selection.parse(query, Nights.nightOf(now), registry, municipalities, !gemeente);
        int n = stays(query.apply("verblijven"));
        Tally tally = new Tally(gemeente);
        String tonight = StayNights.last(now).toString();
        database.read(connection -> {
            StayStore stays = new StayStore(connection, selection, tonight, municipalities);
            PlaceStore places = new PlaceStore(connection, selection);
            switch (figure) {
                case CLIENTS -> stays.clients(tally);
                case OCCUPANCY -> places.occupancy(tally);
                case INFLOW -> stays.inflow(tally);
                case REVOLVING_DOOR -> stays.revolvingDoor(tally, n);
                case LENGTH_OF_STAY -> stays.lengthOfStay(tally);
                case DESTINATIONS -> stays.destinations(tally);
                case UNMET_DEMAND -> places.unmetDemand(tally);
                case PLACEMENT -> places.placement(tally);
                default -> throw new IllegalStateException("no figure " + figure);
            }
            return null;
        });
        return new Answer(figure.path(), figure.title(), figure.definition(), selection.from().toString(),
                selection.to().toString(), selection.filters(), gemeente, tally.estimate(),
                tally.estimate() ? Answer.ESTIMATE : null, tally.rows());
    }

    private static int stays(String value) {
        if (value == null) {
            return DEFAULT_STAYS;
        }
        try {
            int stays = Integer.parseInt(value);
            if (stays >= 2 && stays <= 20) {
                return stays;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("'verblijven' is een getal van 2 tot 20");
    }
}
