package nl.opvang.hub.retention;

import java.util.List;

/**
 * One line of the {@link RetentionTable}: a kind of data, how long it is kept, why, and where that is enforced
 * (docs/DESIGN.md §5). The texts are Dutch: they are shown as they are on {@code /admin} and by
 * {@code GET /api/v1/admin/retention}.
 *
 * @param kind    the kind's wire name ({@code stays}, {@code holds}, …)
 * @param name    what the data is ("soort gegevens")
 * @param period  how long it is kept, in words ("365 dagen", "tot de aanvraag eindigt")
 * @param days    the period in days where it is one number of days, else {@code null}
 * @param reason  why it is kept that long ("waarom")
 * @param where   the class, command or setting that enforces it ("waar")
 * @param setting how a region changes the period, or {@code null} when it is fixed
 * @param columns the database columns holding this kind, as {@code hub:table.column} or {@code node:table.column};
 *                empty for data outside the databases (logs, backups)
 */
public record RetentionRule(String kind, String name, String period, Integer days, String reason, String where,
                            String setting, List<String> columns) {
    public RetentionRule {
        columns = List.copyOf(columns);
    }
}
