package dev.descent.examples.train;

import dev.descent.core.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code metrics.csv}: one row per evaluation, header starting exactly with
 * {@code epoch,iteration,loss,train_accuracy,test_accuracy,seconds}; columns a run adds
 * ({@code validation_accuracy}, {@code learning_rate}, ...) come after these six, in the order the
 * first row names them. The file is rewritten whole and atomically after each row (a run has tens
 * of rows), so it is never half-written and never holds a row that no checkpoint covers.
 */
public final class Metrics {
    public static final List<String> FIXED = List.of("epoch", "iteration", "loss", "train_accuracy", "test_accuracy", "seconds");

    /** One evaluation; {@code extra} holds the added columns by name, in column order. */
    public record Row(long epoch, long iteration, double loss, double trainAccuracy, double testAccuracy, double seconds,
            Map<String, Double> extra) {
        public Row {
            extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        /** Any column by its header name; NaN when this row does not have it. */
        public double get(String column) {
            return switch (column) {
                case "epoch" -> epoch;
                case "iteration" -> iteration;
                case "loss" -> loss;
                case "train_accuracy" -> trainAccuracy;
                case "test_accuracy" -> testAccuracy;
                case "seconds" -> seconds;
                default -> extra.getOrDefault(column, Double.NaN);
            };
        }

        /** The header of a file holding rows like this one. */
        public List<String> columns() {
            List<String> c = new ArrayList<>(FIXED);
            c.addAll(extra.keySet());
            return c;
        }
    }

    private Metrics() {}

    /** Writes {@code rows} as the whole file, atomically. */
    public static void write(Path file, List<Row> rows) throws IOException {
        List<String> header = rows.isEmpty() ? FIXED : rows.get(0).columns();
        StringWriter text = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                .setHeader(header.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>();
                for (String column : header) {
                    double v = r.get(column);
                    cells.add(switch (column) {
                        case "epoch", "iteration" -> Long.toString((long) v);
                        case "seconds" -> String.format(Locale.ROOT, "%.3f", v);
                        case "learning_rate" -> String.format(Locale.ROOT, "%.6g", v);
                        default -> String.format(Locale.ROOT, "%.6f", v);
                    });
                }
                p.printRecord(cells);
            }
        }
        AtomicFiles.writeString(file, text.toString());
    }

    /** Reads a metrics file back, every column. */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<String> names = parser.getHeaderNames();
            if (!names.subList(0, Math.min(6, names.size())).equals(FIXED)) {
                throw new IOException(file + ": not a metrics file (its header does not start with " + String.join(",", FIXED) + ")");
            }
            for (CSVRecord c : parser) {
                try {
                    Map<String, Double> extra = new LinkedHashMap<>();
                    for (String n : names.subList(6, names.size())) {
                        extra.put(n, Double.parseDouble(c.get(n)));
                    }
                    rows.add(new Row(Long.parseLong(c.get("epoch")), Long.parseLong(c.get("iteration")), Double.parseDouble(c.get("loss")),
                            Double.parseDouble(c.get("train_accuracy")), Double.parseDouble(c.get("test_accuracy")),
                            Double.parseDouble(c.get("seconds")), extra));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IOException(file + ": row " + (c.getRecordNumber() + 1) + " is not a metrics row (" + e.getMessage() + ")", e);
                }
            }
        }
        return rows;
    }
}
