package dev.descent.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV table of real numbers for regression: every row the same width, every cell a finite number, a header
 * row optional (recognised by a cell that is not a number). The {@code target-columns} spec says which columns
 * are targets; the others, in file order, are the features. Rows and columns are numbered from 1, as in an editor.
 *
 * <p>Target spec: comma-separated items, each a column number ({@code 3}), a range ({@code 2-4}), {@code last}
 * (the last column), {@code last:k} (the last k columns), or a header name.
 */
public final class TableCsv {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern LAST = Pattern.compile("last(?::(\\d+))?");

    private TableCsv() {}

    /** Features (N×F row-major) and targets (N×K row-major), F = width − K. */
    public record Content(float[] features, int featureCount, float[] targets, int targetCount, List<String> targetNames) {
        public int rows() {
            return targets.length / targetCount;
        }
    }

    /**
     * The number of target columns {@code spec} selects, known without the file (a header name counts one);
     * an {@link IllegalArgumentException} naming the item when the spec is malformed.
     */
    public static int count(String spec) {
        int count = 0;
        for (String item : items(spec)) {
            Matcher range = RANGE.matcher(item);
            Matcher last = LAST.matcher(item);
            if (range.matches()) {
                int from = Integer.parseInt(range.group(1));
                int to = Integer.parseInt(range.group(2));
                if (from < 1 || to < from) {
                    throw new IllegalArgumentException("target-columns item '" + item + "' is not a range a-b with 1 <= a <= b");
                }
                count += to - from + 1;
            } else if (last.matches()) {
                int k = last.group(1) == null ? 1 : Integer.parseInt(last.group(1));
                if (k < 1) {
                    throw new IllegalArgumentException("target-columns item '" + item + "': last:k needs k >= 1");
                }
                count += k;
            } else if (NUMBER.matcher(item).matches() && Integer.parseInt(item) < 1) {
                throw new IllegalArgumentException("target-columns item '" + item + "': columns are numbered from 1");
            } else {
                count++;
            }
        }
        return count;
    }

    /**
     * The 0-based target columns of a table {@code width} wide, in spec order; an {@link IllegalArgumentException}
     * naming the file, the item and the valid range when an item is out of range, unknown, repeated, or takes every column.
     */
    static int[] columns(String spec, int width, List<String> header, Path file) {
        count(spec);
        Set<Integer> columns = new LinkedHashSet<>();
        String valid = "columns 1-" + width + ", ranges a-b, last, last:k" + (header.isEmpty() ? "" : ", or a header name");
        for (String item : items(spec)) {
            Matcher range = RANGE.matcher(item);
            Matcher last = LAST.matcher(item);
            List<Integer> picked = new ArrayList<>();
            if (range.matches()) {
                for (int c = Integer.parseInt(range.group(1)); c <= Integer.parseInt(range.group(2)); c++) {
                    picked.add(c - 1);
                }
            } else if (last.matches()) {
                int k = last.group(1) == null ? 1 : Integer.parseInt(last.group(1));
                for (int c = width - k; c < width; c++) {
                    picked.add(c);
                }
            } else if (NUMBER.matcher(item).matches()) {
                picked.add(Integer.parseInt(item) - 1);
            } else if (header.contains(item)) {
                picked.add(header.indexOf(item));
            } else {
                throw new IllegalArgumentException("target-columns item '" + item + "' names no column of " + file + " (" + width
                        + " columns" + (header.isEmpty() ? ", no header row" : ": " + String.join(", ", header)) + ")");
            }
            for (int c : picked) {
                if (c < 0 || c >= width) {
                    throw new IllegalArgumentException("target-columns item '" + item + "' is out of range: " + file + " has " + width
                            + " columns; valid: " + valid);
                }
                if (!columns.add(c)) {
                    throw new IllegalArgumentException("target-columns names column " + (c + 1) + " of " + file + " twice");
                }
            }
        }
        if (columns.size() >= width) {
            throw new IllegalArgumentException("target-columns selects all " + width + " columns of " + file + "; at least one must stay a feature");
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> items(String spec) {
        List<String> items = Arrays.stream(spec.split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("target-columns = '" + spec + "' has an empty item; give columns such as 3, 2-4, last, last:2");
        }
        return items;
    }

    /**
     * Reads {@code file}: a {@link DataException} (file, row, column) for bad data, an {@link IllegalArgumentException}
     * for a target spec that does not fit it.
     */
    public static Content read(Path file, String targetSpec) {
        List<double[]> rows = new ArrayList<>();
        List<String> header = List.of();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (rows.isEmpty() && header.isEmpty() && record.stream().anyMatch(TableCsv::isText)) {
                    header = record.stream().map(String::strip).toList();
                    continue;
                }
                int width = header.isEmpty() ? rows.isEmpty() ? record.size() : rows.get(0).length : header.size();
                if (record.size() != width) {
                    throw new DataException(file + ": row " + record.getRecordNumber() + ": " + record.size() + " columns, expected " + width
                            + " (as the " + (header.isEmpty() ? "first row" : "header") + ")");
                }
                double[] row = new double[width];
                for (int c = 0; c < width; c++) {
                    Double v = number(record.get(c));
                    if (v == null) {
                        throw new DataException(file + ": row " + record.getRecordNumber() + ", column " + (c + 1) + ": '" + record.get(c)
                                + "' is not a finite number");
                    }
                    row[c] = v;
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file + ": cannot read as CSV (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": no data rows");
        }
        int width = rows.get(0).length;
        int[] targets = columns(targetSpec, width, header, file);
        Set<Integer> targetSet = new LinkedHashSet<>();
        Arrays.stream(targets).forEach(targetSet::add);
        int[] features = java.util.stream.IntStream.range(0, width).filter(c -> !targetSet.contains(c)).toArray();
        float[] x = new float[rows.size() * features.length];
        float[] t = new float[rows.size() * targets.length];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int j = 0; j < features.length; j++) {
                x[r * features.length + j] = (float) row[features[j]];
            }
            for (int j = 0; j < targets.length; j++) {
                t[r * targets.length + j] = (float) row[targets[j]];
            }
        }
        List<String> names = new ArrayList<>();
        for (int c : targets) {
            names.add(header.isEmpty() ? "column " + (c + 1) : header.get(c));
        }
        return new Content(x, features.length, t, targets.length, names);
    }

    /** A header cell: not a number at all (NaN and Infinity are numbers, bad ones, reported as such in a data row). */
    private static boolean isText(String cell) {
        try {
            Double.parseDouble(cell.strip());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The cell as a finite number, or null. */
    private static Double number(String cell) {
        try {
            double v = Double.parseDouble(cell.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
