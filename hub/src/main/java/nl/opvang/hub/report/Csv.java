package nl.opvang.hub.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV downloads (RFC 4180, through Apache Commons CSV). A cell that a spreadsheet would run as a formula gets a
 * leading apostrophe: a name typed by an admin must not become a formula on a manager's laptop.
 */
public final class Csv {
    private Csv() {
    }

    public static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(Csv::inert).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object inert(Object value) {
        if (value instanceof String text && !text.isEmpty() && "=@".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value == null ? "" : value;
    }
}
