package nl.opvang.hub.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Html;
import nl.opvang.hub.http.Pages;
import nl.opvang.hub.http.Template;
import nl.opvang.hub.http.Words;

/** The admin's audit page: a server-rendered table, newest first, from the templates {@code pages/audit*.html}. */
final class AuditPage {
    private static final Template PAGE = Template.of("pages/audit.html");
    private static final Template ALARM = Template.of("pages/audit-alarm.html");
    private static final Html EMPTY = Template.of("pages/audit-empty.html").fill();
    private static final Template TABLE = Template.of("pages/audit-table.html");
    private static final Template ROW = Template.of("pages/audit-row.html");

    private AuditPage() {
    }

    /** {@code broken}: the start check's finding when the chain disagreed with its anchors, else {@code null}. */
    static Html render(String action, List<AuditLog.Entry> entries, AuditLog.Verification broken) {
        String title = "Auditlog" + (action == null ? "" : " — " + ("secret.read".equals(action)
                ? "geopende gegevens van geheime locaties" : Words.auditAction(action)));
        Html alarm = broken == null ? Html.EMPTY : ALARM.fill(Map.of("finding", brokenText(broken)));
        Html table = entries.isEmpty() ? EMPTY
                : TABLE.fill(Map.of("rows", Html.join(entries.stream().map(AuditPage::row).toList())));
        return PAGE.fill(Map.of("title", title, "alarm", alarm, "entries", table));
    }

    private static Html row(AuditLog.Entry entry) {
        Map<String, Object> values = new HashMap<>();
        values.put("seq", entry.seq());
        values.put("at", Pages.dateTime(Instant.ofEpochMilli(entry.atMs())));
        values.put("actor", entry.actor());
        values.put("action", Words.auditAction(entry.action()));
        values.put("subject", entry.subject());
        values.put("detail", entry.detail());
        return ROW.fill(values);
    }

    private static String brokenText(AuditLog.Verification broken) {
        return broken.firstBroken() == null ? "Het ankerbestand ontbreekt of is onleesbaar."
                : "Vanaf melding " + broken.firstBroken() + " wijkt de database af van wat buiten de database is vastgelegd.";
    }
}
