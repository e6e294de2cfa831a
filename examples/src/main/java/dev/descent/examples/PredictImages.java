package dev.descent.examples;

import dev.descent.data.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Classifies the user's own pictures with a trained model: each image (PNG, JPEG, BMP, GIF — what
 * {@code javax.imageio} reads) or each row of a CSV file (side² pixels 0-255, ink bright, optionally after
 * a label) goes through {@link Preprocessing}, then the network; prints the three likeliest classes.
 *
 * <p>Run it directly: {@code java -cp ... dev.descent.examples.PredictImages runs/train-.../ digit.png}.
 */
public final class PredictImages {
    /** The largest image decoded, in pixels: a 48-megapixel photo of a digit is fine. */
    public static final long MAX_PIXELS = 48_000_000L;

    /** One preprocessed picture; {@code label} is -1 unless a CSV row carried one. */
    public record Input(String name, String fileStem, float[] pixels, int label) {}

    private PredictImages() {}

    public static void main(String[] args) throws IOException {
        try (Classifier classifier = Classifier.load(Path.of(args[0]))) {
            List<Input> inputs = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                inputs.addAll(read(Path.of(args[i]), classifier));
            }
            System.out.print(format(inputs, classifier.probabilities(inputs.stream().map(Input::pixels).toList()), classifier.classNames(), 3));
        }
    }

    /**
     * The pictures of one file, prepared for {@code classifier}: an image, or every row of a {@code .csv} (a label, if
     * a row has one, must be one of the classifier's classes); errors name the file (and row).
     */
    public static List<Input> read(Path file, Classifier classifier) {
        Preprocessing preprocessing = classifier.preprocessing();
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": a directory; give image files (PNG, JPEG, BMP, GIF) or a .csv of pixel rows");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return readCsv(file, stem, preprocessing, classifier.classNames().size());
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            image = decode(in, file.toString(), MAX_PIXELS);
        } catch (IOException e) {
            throw new DataException(file + ": unreadable image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new DataException(file + ": not an image this reads (PNG, JPEG, BMP, GIF) nor a .csv of pixel rows");
        }
        return List.of(new Input(file.toString(), stem, preprocessing.apply(image, file.toString()), -1));
    }

    /**
     * Decodes an image, or returns null when no reader knows its format. An image whose header claims more than
     * {@code maxPixels} is refused before any pixel is decoded: a few kilobytes of PNG can claim gigabytes of pixels.
     */
    public static BufferedImage decode(ImageInputStream in, String where, long maxPixels) throws IOException {
        Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > maxPixels) {
                throw new DataException(String.format(Locale.ROOT, "%s: %dx%d pixels, over the %d-megapixel limit; scale it down",
                        where, reader.getWidth(0), reader.getHeight(0), maxPixels / 1_000_000));
            }
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static List<Input> readCsv(Path file, String stem, Preprocessing preprocessing, int classes) {
        int side = preprocessing.side();
        int pixels = side * side;
        List<Input> inputs = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                long row = r.getRecordNumber();
                if (row == 1 && !r.get(0).strip().matches("-?[0-9.]+")) {
                    continue; // header
                }
                if (r.size() != pixels && r.size() != pixels + 1) {
                    throw new DataException(file + " row " + row + ": " + r.size() + " values; a row holds " + pixels + " pixels ("
                            + side + "×" + side + ", 0-255), optionally after a label");
                }
                int offset = r.size() - pixels;
                double[] gray = new double[pixels];
                for (int i = 0; i < pixels; i++) {
                    gray[i] = value(file, r, offset + i) / 255;
                }
                String name = file + " row " + row;
                double label = offset == 1 ? value(file, r, 0) : -1;
                if (offset == 1 && (label != Math.rint(label) || label >= classes)) {
                    throw new DataException(file + " row " + row + " column 1: label '" + r.get(0) + "' is not a class 0-" + (classes - 1));
                }
                inputs.add(new Input(name, stem + "-row" + row, preprocessing.apply(gray, side, side, name), (int) label));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DataException(file + ": unreadable CSV (" + e.getMessage() + ")");
        }
        if (inputs.isEmpty()) {
            throw new DataException(file + ": no rows");
        }
        return inputs;
    }

    private static double value(Path file, CSVRecord r, int column) {
        try {
            double v = Double.parseDouble(r.get(column).strip());
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(file + " row " + r.getRecordNumber() + " column " + (column + 1) + ": '" + r.get(column)
                + "' is not a pixel value 0-255");
    }

    /** Writes each input as {@code DIR/<file stem>.png} (CSV rows: {@code <stem>-row<N>.png}), white ink on black, as the model saw it. */
    public static List<Path> saveInputs(List<Input> inputs, int side, Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<String> used = new HashSet<>();
        List<Path> written = new ArrayList<>();
        for (Input input : inputs) {
            String name = input.fileStem();
            for (int k = 2; !used.add(name); k++) {
                name = input.fileStem() + "-" + k;
            }
            Path file = dir.resolve(name + ".png");
            ImageIO.write(Preprocessing.toImage(input.pixels(), side), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    /** The indices of the {@code k} largest values, largest first. */
    public static int[] top(float[] p, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        int[] top = new int[Math.min(k, p.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }

    /** One line per input: its name, its label if a CSV row had one, and the top {@code k} classes with probabilities. */
    public static String format(List<Input> inputs, float[][] probabilities, List<String> classNames, int k) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            s.append(input.name());
            if (input.label() >= 0) {
                s.append(" (label ").append(classNames.get(input.label())).append(')');
            }
            s.append(':');
            for (int c : top(probabilities[i], k)) {
                s.append(String.format(Locale.ROOT, "  %s %5.1f%%", classNames.get(c), 100 * probabilities[i][c]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
