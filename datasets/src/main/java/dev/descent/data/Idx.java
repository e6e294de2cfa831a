package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of the MNIST files: a big-endian header (magic number, then one 32-bit size per
 * dimension) followed by unsigned bytes. Images have magic 2051 = 0x00000803 (ubyte, 3 dimensions:
 * count, rows, columns) or 2052 = 0x00000804 (ubyte, 4 dimensions: count, rows, columns, channels),
 * labels 2049 = 0x00000801 (ubyte, 1 dimension: count). Any image size is read; the file's size must
 * be exactly what its header announces.
 *
 * <p>A file may be raw or gzip; which one is decided by its first two bytes (gzip's 0x1f 0x8b), never
 * by its name. Byte offsets in messages count from the start of the (decompressed) content.
 */
final class Idx {
    static final int IMAGE_MAGIC = 2051;
    static final int COLOUR_IMAGE_MAGIC = 2052;
    static final int LABEL_MAGIC = 2049;
    static final int PIXELS = ImageShape.MNIST.features();
    private static final int LABEL_HEADER = 8;

    private Idx() {}

    /** Validated images: {@code count} images of {@code shape} unsigned bytes (H x W x C), after a header of {@code header} bytes. */
    record Images(String file, ByteBuffer content, int header, int count, ImageShape shape) {
        ByteBuffer pixels() {
            return content.slice(header, count * shape.features());
        }
    }

    /** Validated labels, each below the limit they were read with, starting at byte 8 of {@code content}. */
    record Labels(String file, ByteBuffer content, int count) {
        int[] toIntArray() {
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = content.get(LABEL_HEADER + i) & 0xff;
            }
            return labels;
        }
    }

    /**
     * A file's content, decompressed when it starts with the gzip signature. A raw file is mapped, not
     * copied: hashing, checking and the engine's uint8 view all read the page cache directly (on Linux
     * a mapping stays valid when the file is later replaced or deleted). Big-endian, position 0.
     */
    static ByteBuffer readContent(Path file) {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new DataException(file + ": " + size + " bytes is too large for an IDX file");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.limit() == 0) {
            throw new DataException(file + ": empty file (0 bytes)");
        }
        if (!isGzip(bytes)) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] content = in.readAllBytes();
            if (content.length == 0) {
                throw new DataException(file + ": empty file (gzip holding 0 bytes)");
            }
            return ByteBuffer.wrap(content);
        } catch (IOException e) {
            throw new DataException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    static boolean isGzip(ByteBuffer bytes) {
        return bytes.limit() >= 2 && (bytes.get(0) & 0xff) == 0x1f && (bytes.get(1) & 0xff) == 0x8b;
    }

    static Images images(String file, ByteBuffer content) {
        requireLength(file, content, 4, "the magic number");
        boolean colour = readInt(content, 0) == COLOUR_IMAGE_MAGIC;
        if (!colour) {
            checkMagic(file, content, IMAGE_MAGIC, "images");
        }
        int header = colour ? 20 : 16;
        requireLength(file, content, header, "the image file header (magic, count, rows, columns" + (colour ? ", channels)" : ")"));
        int count = readInt(content, 4);
        if (count < 0) {
            throw new DataException(file + ": byte offset 4: negative image count " + count);
        }
        int rows = readInt(content, 8);
        int columns = readInt(content, 12);
        int channels = colour ? readInt(content, 16) : 1;
        ImageShape shape;
        try {
            shape = new ImageShape(rows, columns, channels);
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": byte offset 8: " + e.getMessage());
        }
        int features = shape.features();
        long expected = header + (long) count * features;
        if (content.limit() < expected) {
            long complete = (content.limit() - header) / features;
            throw new DataException(file + ": truncated at byte offset " + content.limit() + ": the header says "
                    + count + " images of " + shape + " (" + expected + " bytes) but image " + complete + " is incomplete");
        }
        if (content.limit() > expected) {
            throw new DataException(file + ": byte offset " + expected + ": " + (content.limit() - expected)
                    + " bytes follow the " + count + " images of " + shape + " the header announces");
        }
        return new Images(file, content, header, count, shape);
    }

    /** Labels, each below {@code spec}'s limit (a failure names the byte offset, and the {@code classes} given if any). */
    static Labels labels(String file, ByteBuffer content, DataSpec spec) {
        checkMagic(file, content, LABEL_MAGIC, "labels");
        requireLength(file, content, LABEL_HEADER, "the label file header (magic, count)");
        int count = readInt(content, 4);
        if (count < 0) {
            throw new DataException(file + ": byte offset 4: negative label count " + count);
        }
        long expected = LABEL_HEADER + (long) count;
        if (content.limit() < expected) {
            throw new DataException(file + ": truncated at byte offset " + content.limit() + ": the header says "
                    + count + " labels (" + expected + " bytes) but only " + (content.limit() - LABEL_HEADER)
                    + " are present");
        }
        if (content.limit() > expected) {
            throw new DataException(file + ": byte offset " + expected + ": " + (content.limit() - expected)
                    + " bytes follow the " + count + " labels the header announces");
        }
        int limit = spec.labelLimit();
        for (int i = 0; i < count; i++) {
            int label = content.get(LABEL_HEADER + i) & 0xff;
            if (label >= limit) {
                throw new DataException(file + ": byte offset " + (LABEL_HEADER + i) + ": label " + label
                        + " of sample " + i + " is outside 0-" + (limit - 1) + spec.limitSource());
            }
        }
        return new Labels(file, content, count);
    }

    static void checkPair(Images images, Labels labels) {
        if (images.count() != labels.count()) {
            throw new DataException(images.file() + " holds " + images.count() + " images but " + labels.file()
                    + " holds " + labels.count() + " labels (byte offset 4 of each)");
        }
    }

    private static void checkMagic(String file, ByteBuffer content, int magic, String what) {
        requireLength(file, content, 4, "the magic number");
        int found = readInt(content, 0);
        if (found != magic) {
            String hint = found == IMAGE_MAGIC ? " (that of an image file)"
                    : found == LABEL_MAGIC ? " (that of a label file)" : "";
            throw new DataException(file + ": byte offset 0: magic number " + found + hint + ", expected "
                    + magic + " for IDX " + what);
        }
    }

    private static void requireLength(String file, ByteBuffer content, int length, String what) {
        if (content.limit() < length) {
            throw new DataException(file + ": truncated at byte offset " + content.limit() + ": " + what
                    + " needs " + length + " bytes");
        }
    }

    private static int readInt(ByteBuffer b, int offset) {
        return b.getInt(offset); // buffers from readContent and wrap() are big-endian
    }

    /** The header and payload of an IDX file of 28 x 28 images, for writers and test fixtures. */
    static byte[] imageFile(byte[] pixels) {
        return imageFile(ImageShape.MNIST, pixels);
    }

    /** An IDX image file of {@code shape} (magic 2051, or 2052 with the channels as a fourth dimension). */
    static byte[] imageFile(ImageShape shape, byte[] pixels) {
        int count = pixels.length / shape.features();
        ByteBuffer b = ByteBuffer.allocate(header(shape) + pixels.length);
        b.putInt(shape.channels() == 1 ? IMAGE_MAGIC : COLOUR_IMAGE_MAGIC).putInt(count).putInt(shape.rows()).putInt(shape.columns());
        if (shape.channels() > 1) {
            b.putInt(shape.channels());
        }
        return b.put(pixels).array();
    }

    private static int header(ImageShape shape) {
        return shape.channels() == 1 ? 16 : 20;
    }

    static byte[] labelFile(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(LABEL_HEADER + labels.length);
        b.putInt(LABEL_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }
}
