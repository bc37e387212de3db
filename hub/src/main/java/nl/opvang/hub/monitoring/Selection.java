package nl.opvang.hub.monitoring;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.protocol.Kind;

/**
 * What a monitoring question asks about (docs/MONITORING.md "Periods and filters"): the nights {@code from} to
 * {@code to} (both included) and optionally one location, kind, target group and municipality of origin. Read from the
 * query: one of {@code week=2026-W48}, {@code month=2026-11}, {@code quarter=2026-Q4}, {@code year=2026} or
 * {@code from=…&to=…}; without one, the current month so far. Bad input is a Dutch {@link BadRequest}.
 */
public record Selection(LocalDate from, LocalDate to, String location, String kind, String group, String origin,
                        String municipality, List<String> locations, List<String> otherThan) {
    /** The longest period one question may cover. */
    static final int MAX_DAYS = 5 * 366;

    /** This question for the locations {@code codes} (a row of the per-location breakdown) instead of one location. */
    Selection within(List<String> codes) {
        return new Selection(from, to, null, kind, group, origin, municipality, List.copyOf(codes), otherThan);
    }

    /** This question without its target-group filter. */
    Selection anyGroup() {
        return new Selection(from, to, location, kind, null, origin, municipality, locations, otherThan);
    }

    /** This question without its location filter. */
    Selection anyLocation() {
        return new Selection(from, to, null, kind, group, origin, municipality, null, otherThan);
    }

    /** This question for one kind ({@code ""}: places whose kind is not known), or any kind ({@code null}). */
    Selection ofKind(String code) {
        return new Selection(from, to, location, code, group, origin, municipality, locations, otherThan);
    }

    /** This question for the clients from municipality {@code code} (a CBS code), or from anywhere ({@code null}). */
    Selection ofOrigin(String code) {
        return new Selection(from, to, location, kind, group, code, code, locations, null);
    }

    /** This question for the clients from none of {@code codes}: elsewhere, no fixed municipality, or unknown. */
    Selection otherOrigins(List<String> codes) {
        return new Selection(from, to, location, kind, group, null, null, locations, List.copyOf(codes));
    }

    /** The filters as the answer repeats them (only those given). */
    Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "locatie", location);
        put(filters, "soort", kind);
        put(filters, "doelgroep", group);
        put(filters, "gemeente", municipality);
        return filters;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Reads a selection. {@code query} gives a parameter's value or null; {@code today} is the current night;
     * {@code municipalities} maps a region municipality's name to its CBS code; {@code showSecret} false (the gemeente)
     * refuses a secret location as unknown, so its name or code is never confirmed.
     */
    static Selection parse(Function<String, String> query, LocalDate today, Registry registry,
                           Municipalities municipalities, boolean showSecret) {
        LocalDate[] period = period(query, today);
        String location = query.apply("locatie");
        if (location != null) {
            Location found = registry.location(location).orElse(null);
            if (found == null || found.secret() && !showSecret) {
                throw new BadRequest("Onbekende locatie: " + location);
            }
        }
        String kind = query.apply("soort");
        if (kind != null && java.util.Arrays.stream(Kind.values()).noneMatch(each -> each.wire().equals(kind))) {
            throw new BadRequest("Onbekende soort plek: kies regular, crisis, nood, opstart of family");
        }
        String group = query.apply("doelgroep");
        if (group != null && TargetGroup.fromWire(group).isEmpty()) {
            throw new BadRequest("Onbekende doelgroep: kies " + TargetGroup.wireNames());
        }
        String municipality = query.apply("gemeente");
        String origin = null;
        if (municipality != null) {
            origin = municipalities.code(municipality).orElseThrow(() -> new BadRequest("Onbekende gemeente: "
                    + municipality + ". Kies een gemeente van de regio: " + String.join(", ", municipalities.names())));
        }
        return new Selection(period[0], period[1], location, kind, group, origin, municipality, null, null);
    }

    private static LocalDate[] period(Function<String, String> query, LocalDate today) {
        List<String> given = new ArrayList<>();
        for (String name : List.of("week", "maand", "kwartaal", "jaar", "van")) {
            if (query.apply(name) != null) {
                given.add(name);
            }
        }
        if (query.apply("tot") != null && !given.contains("van")) {
            throw new BadRequest("Geef bij 'tot' ook 'van' (een datum JJJJ-MM-DD)");
        }
        if (given.size() > 1) {
            throw new BadRequest("Kies één periode: week, maand, kwartaal, jaar of van en tot");
        }
        String kind = given.isEmpty() ? "" : given.get(0);
        String value = given.isEmpty() ? null : query.apply(kind);
        LocalDate from;
        LocalDate to;
        try {
            switch (kind) {
                case "week" -> {
                    String[] parts = value.split("-W");
                    from = LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
                            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]))
                            .with(java.time.DayOfWeek.MONDAY);
                    to = from.plusDays(6);
                }
                case "maand" -> {
                    YearMonth month = YearMonth.parse(value);
                    from = month.atDay(1);
                    to = month.atEndOfMonth();
                }
                case "kwartaal" -> {
                    String[] parts = value.split("-Q");
                    int quarter = Integer.parseInt(parts[1]);
                    if (quarter < 1 || quarter > 4) {
                        throw new NumberFormatException();
                    }
                    from = LocalDate.of(Integer.parseInt(parts[0]), quarter * 3 - 2, 1);
                    to = from.plusMonths(3).minusDays(1);
                }
                case "jaar" -> {
                    from = LocalDate.of(Integer.parseInt(value), 1, 1);
                    to = from.with(TemporalAdjusters.lastDayOfYear());
                }
                case "van" -> {
                    from = LocalDate.parse(value);
                    String until = query.apply("tot");
                    to = until == null ? today : LocalDate.parse(until);
                }
                default -> {
                    from = today.withDayOfMonth(1);
                    to = today;
                }
            }
        } catch (DateTimeException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new BadRequest("Onleesbare periode '" + value + "': week 2026-W48, maand 2026-11, kwartaal 2026-Q4,"
                    + " jaar 2026, of van en tot als JJJJ-MM-DD");
        }
        if (to.isBefore(from)) {
            throw new BadRequest("De periode eindigt voor hij begint: 'tot' moet op of na 'van' liggen");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new BadRequest("Die periode is te lang: hoogstens 5 jaar per vraag");
        }
        return new LocalDate[] {from, to};
    }

    /**
     * The SQL condition for a table alias {@code t} with {@code location} and {@code kind} columns; adds its parameters
     * to {@code parameters}. {@code originColumn} is null for tables that do not know the origin.
     */
    String where(String t, String originColumn, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("1 = 1");
        if (location != null) {
            sql.append(" AND ").append(t).append(".location = ?");
            parameters.add(location);
        }
        if (locations != null) {
            sql.append(" AND ").append(t).append(".location IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(Math.max(1, locations.size()), "?")))
                    .append(')');
            parameters.addAll(locations.isEmpty() ? List.of("") : locations);
        }
        if (kind != null) {
            sql.append(" AND ").append(t).append(".kind = ?");
            parameters.add(kind);
        }
        if (group != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM location_group g WHERE g.location = ").append(t)
                    .append(".location AND g.target = ? AND (g.kind = ").append(t).append(".kind OR (g.kind = ''")
                    .append(" AND NOT EXISTS (SELECT 1 FROM location_group k WHERE k.location = ").append(t)
                    .append(".location AND k.kind = ").append(t).append(".kind))))");
            parameters.add(group);
        }
        if (origin != null) {
            if (originColumn == null) {
                throw new BadRequest("Deze cijfers zijn niet per gemeente van herkomst bekend: laat 'gemeente' weg");
            }
            sql.append(" AND ").append(t).append('.').append(originColumn).append(" = ?");
            parameters.add(origin);
        }
        if (otherThan != null && originColumn != null) {
            String column = t + '.' + originColumn;
            sql.append(" AND (").append(column).append(" IS NULL OR ").append(column).append(" NOT IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(Math.max(1, otherThan.size()), "?")))
                    .append("))");
            parameters.addAll(otherThan.isEmpty() ? List.of("") : otherThan);
        }
        return sql.toString();
    }
}
