package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Html;
import nl.opvang.hub.http.Template;

/**
 * The page {@code /monitor/definities} (gemeente, CT): the rules every figure shares and per figure its definition
 * with its version and the meaning of each of its rows, in Dutch, from {@link Definitions} and the figures' own row
 * labels, so that it says what the answers count and cannot drift from them (docs/MONITORING.md "The page").
 */
final class DefinitionsPage {
    private static final Template PAGE = Template.of("pages/monitor-definitions.html");
    private static final Template FIGURE = Template.of("pages/monitor-definition.html");
    private static final Template TERM = Template.of("pages/monitor-term.html");
    private static final Template GENERAL = Template.of("pages/monitor-general.html");
    private static final Template INDEX = Template.of("pages/monitor-index.html");

    private DefinitionsPage() {
    }

    /** The page, with each figure's rows as {@code rows} gives them (a figure's answer over any period). */
    static Html render(Map<Figure, List<Row>> rows) {
        List<Html> index = new ArrayList<>();
        List<Html> figures = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            index.add(INDEX.fill(Map.of("id", figure.path(), "title", figure.title(), "definition",
                    figure.definition())));
            figures.add(FIGURE.fill(Map.of("id", figure.path(), "title", figure.title(), "definition",
                    figure.definition(), "text", Definitions.of(figure).text(), "terms", terms(figure,
                            rows.get(figure)))));
        }
        List<Html> general = Definitions.GENERAL.stream().map(rule -> GENERAL.fill(Map.of("title", rule.getKey(),
                "text", rule.getValue()))).toList();
        return PAGE.fill(Map.of("index", Html.join(index), "general", Html.join(general), "figures",
                Html.join(figures)));
    }

    /** A row's label and code with its meaning; the rows of a vocabulary together, their labels joined. */
    private static Html terms(Figure figure, List<Row> rows) {
        Map<Definitions.Term, List<Row>> byTerm = new LinkedHashMap<>();
        for (Row row : rows) {
            Definitions.Term term = Definitions.term(figure, row.part(), row.code());
            if (term == null) {
                throw new IllegalStateException(figure.definition() + " has no meaning for " + Tally.key(row));
            }
            byTerm.computeIfAbsent(term, key -> new ArrayList<>()).add(row);
        }
        List<Html> terms = new ArrayList<>();
        byTerm.forEach((term, of) -> terms.add(TERM.fill(Map.of("label", String.join(", ", of.stream()
                .map(Row::label).toList()), "code", term.code().equals("*") ? term.part() : term.code(),
                "text", term.text()))));
        return Html.join(terms);
    }
}
