package dev.descent.examples;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code metrics.csv}: one row per evaluation, header exactly
 * {@code epoch,iteration,loss,train_accuracy,test_accuracy,seconds} (plus {@code validation_accuracy}
 * when part of the training set is held out). Each row is flushed as soon as it is written.
 */
public final class Metrics implements AutoCloseable {
    public static final String[] HEADER = {"epoch", "iteration", "loss", "train_accuracy", "test_accuracy", "seconds"};

    /** One evaluation; {@code validationAccuracy} is NaN when there is no validation set. */
    public record Row(long epoch, long iteration, double loss, double trainAccuracy, double testAccuracy, double seconds,
            double validationAccuracy) {}

    private final CSVPrinter printer;
    private final boolean validation;

    private Metrics(CSVPrinter printer, boolean validation) {
        this.printer = printer;
        this.validation = validation;
    }

    /** A new file with its header, or (for a resumed run) the existing file, appended to. */
    public static Metrics open(Path file, boolean append, boolean validation) throws IOException {
        String[] header = validation ? withValidation() : HEADER;
        boolean exists = append && Files.exists(file);
        Writer w = Files.newBufferedWriter(file, exists
                ? new StandardOpenOption[] {StandardOpenOption.APPEND}
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE});
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader(header).setSkipHeaderRecord(exists).get();
        return new Metrics(new CSVPrinter(w, format), validation);
    }

    public void write(Row r) throws IOException {
        List<Object> cells = new ArrayList<>(List.of(r.epoch(), r.iteration(), fmt(r.loss()), fmt(r.trainAccuracy()),
                fmt(r.testAccuracy()), String.format(Locale.ROOT, "%.3f", r.seconds())));
        if (validation) {
            cells.add(fmt(r.validationAccuracy()));
        }
        printer.printRecord(cells);
        printer.flush();
    }

    /** Reads a metrics file back (the resume check and `.ci/run` use it). */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            boolean validation = parser.getHeaderNames().contains("validation_accuracy");
            for (CSVRecord c : parser) {
                rows.add(new Row(Long.parseLong(c.get("epoch")), Long.parseLong(c.get("iteration")), Double.parseDouble(c.get("loss")),
                        Double.parseDouble(c.get("train_accuracy")), Double.parseDouble(c.get("test_accuracy")),
                        Double.parseDouble(c.get("seconds")), validation ? Double.parseDouble(c.get("validation_accuracy")) : Double.NaN));
            }
        }
        return rows;
    }

    private static String[] withValidation() {
        String[] h = java.util.Arrays.copyOf(HEADER, HEADER.length + 1);
        h[HEADER.length] = "validation_accuracy";
        return h;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
