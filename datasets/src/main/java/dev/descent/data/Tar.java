package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of the tar format to take named regular files out of a gzipped tarball such as
 * {@code npm pack} writes: 512-byte ustar headers (name at 0, octal size at 124, type at 156, name
 * prefix at 345), each followed by the file's bytes padded to 512; pax headers are skipped.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {}

    static Map<String, byte[]> readGzip(Path tarball, List<String> wanted) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            while (found.size() < wanted.size()) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).strip().isEmpty() ? "0"
                        : field(header, 124, 12).strip(), 8);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && wanted.contains(name)) {
                    byte[] data = new byte[Math.toIntExact(size)];
                    in.readFully(data);
                    skip(in, padded - size);
                    found.put(name, data);
                } else {
                    skip(in, padded);
                }
            }
        }
        return found;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }
}
