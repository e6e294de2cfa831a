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
 * one row per image, the label first, then 784 pixel values 0-255, row-major. A header row is
 * optional on input (recognised by a first cell that is not an integer) and written on output as
 * {@code label,pixel0,...,pixel783}. Rows are numbered from 1, the header included, as in an editor.
 */
final class MnistCsv {
    private static final int COLUMNS = 1 + Idx.PIXELS;
    private static final String[] NUMBERS = new String[256];

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Integer.toString(i);
        }
    }

    private MnistCsv() {}

    /** Validated content of one CSV file. */
    record Content(byte[] pixels, int[] labels) {}

    static Content read(Path file) {
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
                if (record.size() != COLUMNS) {
                    throw new DataException(file + ": row " + row + ": " + record.size()
                            + " columns, expected " + COLUMNS + " (label, then 784 pixel values)");
                }
                if (count == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * count);
                }
                if ((long) (count + 1) * Idx.PIXELS > pixels.length) {
                    pixels = Arrays.copyOf(pixels, 2 * pixels.length);
                }
                int label = cell(file, record, 0);
                if (label > 9) {
                    throw new DataException(file + ": row " + row + ", column 1: label " + label + " is outside 0-9");
                }
                labels[count] = label;
                int base = count * Idx.PIXELS;
                for (int c = 1; c < COLUMNS; c++) {
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
        return new Content(Arrays.copyOf(pixels, count * Idx.PIXELS), Arrays.copyOf(labels, count));
    }

    /** Writes the data set as label + 784 pixels per row, with a header, atomically ({@link AtomicFiles}). */
    static void write(Dataset dataset, Path file) {
        byte[] pixels = dataset.pixelBytes();
        int[] labels = dataset.labels();
        String[] header = new String[COLUMNS];
        header[0] = "label";
        for (int i = 0; i < Idx.PIXELS; i++) {
            header[i + 1] = "pixel" + i;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header).get();
        try {
            AtomicFiles.write(file, Fetcher.READABLE_BY_ALL, out -> {
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                        CSVPrinter printer = new CSVPrinter(writer, format)) {
                    for (int i = 0; i < labels.length; i++) {
                        printer.print(NUMBERS[labels[i]]);
                        int base = i * Idx.PIXELS;
                        for (int p = 0; p < Idx.PIXELS; p++) {
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
