package dev.descent.data;

import dev.descent.core.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The common CSV layout of MNIST-style data (Kaggle's files, pandas' {@code to_csv(index=False)}):
 * one row per image, the label first, then the pixel values 0-255, row-major (784 for MNIST; any number,
 * the same in every row: the image shape is given, or the square the count makes). A header row is
 * optional on input (recognised by a first cell that is not an integer) and written on output as
 * {@code label,pixel0,...,pixel783}. Rows are numbered from 1, the header included, as in an editor.
 */
final class MnistCsv {
    private static final String[] NUMBERS = new String[256];

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Integer.toString(i);
        }
    }

    private MnistCsv() {}

    /** Validated content of one CSV file: images of {@code shape}, labels below the spec's limit. */
    record Content(byte[] pixels, int[] labels, ImageShape shape) {}

    /** Reads {@code file}; its images are {@code spec}'s shape, or square, and its labels below the spec's limit. */
    static Content read(Path file, DataSpec spec) {
        try {
            if (Files.size(file) == 0) {
                throw new DataException(file + ": empty file (0 bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        byte[] pixels = new byte[1 << 20];
        int[] labels = new int[1 << 10];
        int count = 0;
        ImageShape shape = spec.imageShape();
        int columns = 0;
        long firstRow = 0;
        int limit = spec.labelLimit();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            boolean first = true;
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber();
                if (first) {
                    first = false;
                    if (isHeader(record)) {
                        continue;
                    }
                }
                if (columns == 0) {
                    shape = shape(file, row, record.size() - 1, shape);
                    columns = 1 + shape.features();
                    firstRow = row;
                }
                if (record.size() != columns) {
                    throw new DataException(file + ": row " + row + ": " + record.size() + " columns, expected " + columns
                            + " (label, then " + shape.features() + " pixel values of a " + shape + " image"
                            + (row == firstRow ? ")" : ", as in row " + firstRow + ")"));
                }
                if (count == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * count);
                }
                long needed = (long) (count + 1) * shape.features();
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new DataException(file + ": row " + row + ": more pixels than one array holds (2^31)");
                }
                if (needed > pixels.length) {
                    pixels = Arrays.copyOf(pixels, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * pixels.length)));
                }
                int label = cell(file, record, 0);
                if (label >= limit) {
                    throw new DataException(file + ": row " + row + ", column 1: label " + label + " is outside 0-" + (limit - 1)
                            + spec.limitSource());
                }
                labels[count] = label;
                int base = count * shape.features();
                for (int c = 1; c < columns; c++) {
                    pixels[base + c - 1] = (byte) cell(file, record, c);
                }
                count++;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file + ": cannot parse as CSV (" + e.getMessage() + ")", e);
        }
        if (count == 0) {
            throw new DataException(file + ": no data rows (only a header, or only blank lines)");
        }
        return new Content(Arrays.copyOf(pixels, count * shape.features()), Arrays.copyOf(labels, count), shape);
    }

    /** The image shape of rows with {@code values} pixel values: {@code given} if it fits, else the square they make. */
    private static ImageShape shape(Path file, long row, int values, ImageShape given) {
        if (given != null && given.features() != values) {
            throw new DataException(file + ": row " + row + ": " + values + " pixel values, but image-shape " + given
                    + " takes " + given.features() + " (" + (1 + given.features()) + " columns with the label)");
        }
        ImageShape shape = given != null ? given : ImageShape.square(values);
        if (shape == null) {
            throw new DataException(file + ": row " + row + ": " + values + " pixel values are not a square image;"
                    + " give image-shape (ROWSxCOLUMNS or ROWSxCOLUMNSxCHANNELS)");
        }
        return shape;
    }

    /** Writes the data set as label + pixels per row, with a header, atomically ({@link AtomicFiles}). */
    static void write(Dataset dataset, Path file) {
        byte[] pixels = dataset.pixelBytes();
        int[] labels = dataset.labels();
        int features = dataset.imageShape().features();
        String[] header = new String[1 + features];
        header[0] = "label";
        for (int i = 0; i < features; i++) {
            header[i + 1] = "pixel" + i;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header).get();
        try {
            AtomicFiles.write(file, Fetcher.READABLE_BY_ALL, out -> {
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                        CSVPrinter printer = new CSVPrinter(writer, format)) {
                    for (int i = 0; i < labels.length; i++) {
                        printer.print(NUMBERS[labels[i]]);
                        int base = i * features;
                        for (int p = 0; p < features; p++) {
                            printer.print(NUMBERS[pixels[base + p] & 0xff]);
                        }
                        printer.println();
                    }
                }
            });
        } catch (IOException e) {
            throw new DataException(file + ": cannot write CSV (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isHeader(CSVRecord record) {
        String first = record.get(0).strip();
        return !first.isEmpty() && parseNonNegative(first) < 0 && !first.startsWith("-");
    }

    private static int cell(Path file, CSVRecord record, int column) {
        String text = record.get(column);
        int value = parseNonNegative(text);
        if (value < 0) {
            value = parseNonNegative(text.strip());
        }
        if (value >= 0 && value <= 255) {
            return value;
        }
        String where = file + ": row " + record.getRecordNumber() + ", column " + (column + 1) + ": ";
        if (value > 255) {
            throw new DataException(where + "value " + text.strip() + " is outside 0-255");
        }
        throw new DataException(where + "'" + text + "' is not an integer in 0-255");
    }

    /** The value of a string of 1-9 decimal digits, or -1 (negative numbers, signs, decimals, blanks). */
    private static int parseNonNegative(String s) {
        int n = s.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
