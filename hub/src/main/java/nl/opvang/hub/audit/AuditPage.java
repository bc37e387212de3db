package nl.opvang.hub.audit;

import java.time.Instant;
import java.util.List;
import nl.opvang.hub.report.Pages;

/** The admin's audit page: a server-rendered table, newest first; every text escaped. */
final class AuditPage {
    private AuditPage() {
    }

    /** {@code broken}: the start check's finding when the chain disagreed with its anchors, else {@code null}. */
    static String render(String action, List<AuditLog.Entry> entries, AuditLog.Verification broken) {
        String title = "Auditlog" + (action == null ? "" : " — " + ("secret.read".equals(action)
                ? "geopende gegevens van geheime locaties" : action));
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>""").append(Pages.escape(title)).append("""
                </title>
                  <link rel="stylesheet" href="/report.css">
                </head>
                <body>
                <main>
                  <h1>""").append(Pages.escape(title)).append("""
                </h1>
                  <p>Elke keer dat iemand van CT met een reden de contactgegevens van een geheime locatie opende.
                  Nieuwste bovenaan. Het log kan niet worden gewijzigd; controleer het met
                  <code>java -jar opvang-hub.jar audit-verify --data MAP</code>.</p>
                """);
        if (broken != null) {
            html.append("  <div class=\"alarm\" role=\"alert\"><h2>De auditlog klopt niet met de ankers buiten de database</h2>\n")
                    .append("  <p>").append(Pages.escape(brokenText(broken))).append(" Meldingen kunnen zijn verwijderd of ")
                    .append("veranderd. De centrale werkt gewoon door, maar legt geen nieuwe ankers vast tot dit is uitgezocht. ")
                    .append("Waarschuw de technisch beheerder (<code>audit-verify</code>, docs/PRODUCTION.md).</p></div>\n");
        }
        if (entries.isEmpty()) {
            html.append("  <p>Nog geen meldingen.</p>\n");
        } else {
            html.append("""
                      <table class="data">
                        <caption>Auditmeldingen</caption>
                        <thead>
                          <tr><th scope="col">Nr.</th><th scope="col">Wanneer</th><th scope="col">Wie</th>
                          <th scope="col">Actie</th><th scope="col">Locatie</th><th scope="col">Reden of details</th></tr>
                        </thead>
                        <tbody>
                    """);
            for (AuditLog.Entry entry : entries) {
                html.append("      <tr><td>").append(entry.seq()).append("</td><td>")
                        .append(Pages.escape(Pages.dateTime(Instant.ofEpochMilli(entry.atMs())))).append("</td><td>")
                        .append(Pages.escape(entry.actor())).append("</td><td>").append(Pages.escape(entry.action()))
                        .append("</td><td>").append(Pages.escape(entry.subject())).append("</td><td>")
                        .append(Pages.escape(entry.detail())).append("</td></tr>\n");
            }
            html.append("    </tbody>\n  </table>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String brokenText(AuditLog.Verification broken) {
        return broken.firstBroken() == null ? "Het ankerbestand ontbreekt of is onleesbaar."
                : "Vanaf melding " + broken.firstBroken() + " wijkt de database af van wat buiten de database is vastgelegd.";
    }
}
