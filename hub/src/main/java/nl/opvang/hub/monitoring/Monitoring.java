package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Answers the monitoring questions (docs/MONITORING.md) from the tables the ingest keeps up to date ({@link LedgerStore})
 * and the occupancy samples: a few reads per answer, no scan of the event log. For the gemeente, an answer is one column
 * of a table it is suppressed with ({@link Suppression}): the per-location breakdown, or all locations, all kinds or
 * all municipalities of origin when one is asked for, so that one answer subtracted from another gives no hidden
 * number away.
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
     * {@code gemeente}: small cells suppressed and secret locations only in their provider's VO total (docs/DESIGN.md §5).
     */
    public Answer answer(Figure figure, Function<String, String> query, boolean gemeente) {
        Instant now = clock.instant();
        Selection selection = Selection.parse(query, Nights.nightOf(now), registry, municipalities, !gemeente);
        int n = stays(query.apply("verblijven"));
        boolean perLocation = perLocation(query.apply("per"), selection);
        List<LocationGroups.Group> groups = LocationGroups.of(registry);
        List<Selection> columns = new ArrayList<>();
        int answered = 0;
        if (perLocation || gemeente && selection.location() != null) {
            columns.add(selection.anyLocation());
            groups.forEach(group -> columns.add(selection.within(group.codes())));
            answered = perLocation ? 0 : 1 + LocationGroups.indexOf(groups, selection.location());
        } else if (gemeente && selection.kind() != null) {
            columns.add(selection.ofKind(null));
            List<String> kinds = new ArrayList<>(Arrays.stream(Kind.values()).map(Kind::wire).toList());
            kinds.add(""); // places whose kind is not known: never asked for, but part of the total
            kinds.forEach(kind -> columns.add(selection.ofKind(kind)));
            answered = 1 + kinds.indexOf(selection.kind());
        } else if (gemeente && selection.origin() != null) {
            columns.add(selection.ofOrigin(null));
            List<String> codes = municipalities.names().stream().map(name -> municipalities.code(name).orElseThrow())
                    .toList();
            codes.forEach(code -> columns.add(selection.ofOrigin(code)));
            columns.add(selection.otherOrigins(codes)); // never asked for, but part of the total
            answered = 1 + codes.indexOf(selection.origin());
        } else {
            columns.add(selection);
        }
        String tonight = StayNights.last(now).toString();
        List<Tally> tallies = database.read(connection -> {
            List<Tally> counted = new ArrayList<>();
            for (Selection column : columns) {
                counted.add(count(connection, figure, column, tonight, n));
            }
            return counted;
        });
        List<List<Row>> rows = gemeente ? Suppression.apply(tallies) : tallies.stream().map(Tally::rows).toList();
        List<Answer.LocationRows> breakdown = new ArrayList<>();
        boolean estimate = tallies.get(answered).estimate();
        for (int i = 0; perLocation && i < groups.size(); i++) {
            breakdown.add(new Answer.LocationRows(groups.get(i).code(), groups.get(i).label(), rows.get(i + 1)));
            estimate |= tallies.get(i + 1).estimate();
        }
        return new Answer(figure.path(), figure.title(), figure.definition(), selection.from().toString(),
                selection.to().toString(), selection.filters(), gemeente, estimate, estimate ? Answer.ESTIMATE : null,
                rows.get(answered), breakdown);
    }

    private Tally count(Connection connection, Figure figure, Selection selection, String tonight, int n)
            throws SQLException {
        Tally tally = new Tally();
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
        return tally;
    }

    private static boolean perLocation(String per, Selection selection) {
        if (per == null) {
            return false;
        }
        if (!per.equals("locatie")) {
            throw new BadRequest("'per' kan alleen 'locatie' zijn");
        }
        if (selection.location() != null) {
            throw new BadRequest("Kies 'locatie' of 'per=locatie', niet allebei");
        }
        return true;
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
