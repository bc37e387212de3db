package nl.opvang.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.Html;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;
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
        return answer(figure, query, gemeente, gemeente);
    }

    /**
     * As {@link #answer(Figure, Function, boolean)}, with the suppression apart from the question as the gemeente asks
     * it ({@code suppress} false: the gemeente's question unsuppressed, the truth its tests compare with).
     */
    Answer answer(Figure figure, Function<String, String> query, boolean gemeente, boolean suppress) {
        Table table = table(figure, query, gemeente, suppress);
        Selection selection = table.selection();
        List<Answer.LocationRows> breakdown = new ArrayList<>();
        boolean estimate = table.tallies().get(table.answered()).estimate();
        for (int i = 0; table.perLocation() && i < table.groups().size(); i++) {
            LocationGroups.Group group = table.groups().get(i);
            breakdown.add(new Answer.LocationRows(group.code(), group.label(), table.rows().get(i + 1)));
            estimate |= table.tallies().get(i + 1).estimate();
        }
        return new Answer(figure.path(), figure.title(), figure.definition(), selection.from().toString(),
                selection.to().toString(), selection.filters(), suppress, estimate, estimate ? Answer.ESTIMATE : null,
                table.rows().get(table.answered()), breakdown);
    }

    /**
     * The table an answer is one column of (docs/MONITORING.md "Small cells"), counted and, if {@code suppress},
     * suppressed as a whole: its columns' {@code names} ({@code T} the total, {@code L:<group>} a location or a
     * provider's VO, {@code G:<target group>}, {@code K:<kind>}, {@code M:<CBS code>}; {@code K:?} and {@code M:?} the
     * never published places of unknown kind and clients from outside the region), and the column answered.
     */
    record Table(Selection selection, boolean perLocation, List<LocationGroups.Group> groups, List<String> names,
                 List<Tally> tallies, List<List<Row>> rows, int answered) {
    }

    Table table(Figure figure, Function<String, String> query, boolean gemeente, boolean suppress) {
        Instant now = clock.instant();
        Selection selection = Selection.parse(query, Nights.nightOf(now), registry, municipalities, !gemeente);
        int n = stays(query.apply("verblijven"));
        boolean perLocation = perLocation(query.apply("per"), selection);
        if (gemeente) {
            oneFilter(selection, perLocation);
        }
        List<LocationGroups.Group> groups = LocationGroups.of(registry);
        List<Selection> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Suppression.Sum> sums = new ArrayList<>();
        List<Integer> unpublished = new ArrayList<>();
        int answered = 0;
        if (perLocation || gemeente && (selection.location() != null || selection.group() != null)) {
            // The per-location table; for the gemeente's target group with its column: the locations that serve it,
            // whose numbers follow the table's (a group's cell is hidden when one of its locations' is) and never
            // change it, so that only the group asked for needs counting.
            Selection base = gemeente ? selection.anyGroup() : selection;
            columns.add(base.anyLocation());
            names.add("T");
            groups.forEach(group -> {
                columns.add(base.within(group.codes()));
                names.add("L:" + group.code());
            });
            sums.add(new Suppression.Sum(0, range(1, groups.size())));
            answered = perLocation ? 0 : selection.location() != null
                    ? 1 + LocationGroups.indexOf(groups, selection.location()) : 0;
            for (TargetGroup target : gemeente && selection.group() != null
                    ? List.of(TargetGroup.fromWire(selection.group()).orElseThrow()) : List.<TargetGroup>of()) {
                List<Integer> serving = LocationGroups.serving(groups, registry, target);
                List<String> codes = new ArrayList<>();
                serving.forEach(index -> codes.addAll(groups.get(index).codes()));
                if (target.wire().equals(selection.group())) {
                    answered = columns.size();
                }
                sums.add(new Suppression.Sum(columns.size(), serving.stream().map(index -> index + 1).toList(), true));
                columns.add(base.anyLocation().within(codes));
                names.add("G:" + target.wire());
            }
        } else if (gemeente && selection.kind() != null) {
            columns.add(selection.ofKind(null));
            names.add("T");
            List<String> kinds = new ArrayList<>(Arrays.stream(Kind.values()).map(Kind::wire).toList());
            kinds.add(""); // places whose kind is not known: never asked for, but part of the total
            kinds.forEach(kind -> {
                columns.add(selection.ofKind(kind));
                names.add("K:" + (kind.isEmpty() ? "?" : kind));
            });
            sums.add(new Suppression.Sum(0, range(1, kinds.size())));
            unpublished.add(kinds.size());
            answered = 1 + kinds.indexOf(selection.kind());
        } else if (gemeente && selection.origin() != null) {
            columns.add(selection.ofOrigin(null));
            names.add("T");
            List<String> codes = municipalities.names().stream().map(name -> municipalities.code(name).orElseThrow())
                    .toList();
            codes.forEach(code -> {
                columns.add(selection.ofOrigin(code));
                names.add("M:" + code);
            });
            columns.add(selection.otherOrigins(codes)); // never asked for, but part of the total
            names.add("M:?");
            sums.add(new Suppression.Sum(0, range(1, codes.size() + 1)));
            unpublished.add(codes.size() + 1);
            answered = 1 + codes.indexOf(selection.origin());
        } else {
            columns.add(selection);
            names.add("T");
        }
        String tonight = StayNights.last(now).toString();
        List<Tally> tallies = database.read(connection -> {
            List<Tally> counted = new ArrayList<>();
            for (Selection column : columns) {
                counted.add(count(connection, figure, column, tonight, n));
            }
            return counted;
        });
        boolean[] never = new boolean[columns.size()];
        unpublished.forEach(index -> never[index] = true);
        List<List<Row>> rows = suppress ? Suppression.apply(tallies, sums, never)
                : tallies.stream().map(Tally::rows).toList();
        return new Table(selection, perLocation, groups, List.copyOf(names), tallies, rows, answered);
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

    /**
     * The gemeente asks by one filter at a time (docs/MONITORING.md "Small cells"): each answer is then a column of one
     * table suppressed as a whole. A combination (a kind at one location, the clients of one municipality at one
     * location) would be a column of a table of its own, and one answer less the others would give its small numbers
     * away.
     */
    private static void oneFilter(Selection selection, boolean perLocation) {
        long filters = java.util.stream.Stream.of(selection.location(), selection.kind(), selection.group(),
                selection.origin()).filter(java.util.Objects::nonNull).count();
        if (filters + (perLocation ? 1 : 0) > 1) {
            throw new BadRequest("Kies één filter tegelijk: locatie, soort, doelgroep, gemeente of per locatie. Uit"
                    + " combinaties zijn kleine aantallen terug te rekenen.");
        }
    }

    /** The page of the figures' definitions, with each figure's rows as its answers have them (docs/MONITORING.md). */
    public Html definitions() {
        Map<Figure, List<Row>> rows = new EnumMap<>(Figure.class);
        for (Figure figure : Figure.values()) {
            rows.put(figure, table(figure, name -> null, false, false).rows().get(0));
        }
        return DefinitionsPage.render(rows);
    }

    /** The column numbers {@code from} to {@code from + count - 1}. */
    private static List<Integer> range(int from, int count) {
        List<Integer> range = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            range.add(from + i);
        }
        return range;
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
