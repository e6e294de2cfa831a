package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheContentAndLeavesNothingElse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/dir/model.txt");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second, longer than the first");
        assertEquals("second, longer than the first", Files.readString(file));
        assertEquals(List.of("model.txt"), names(file.getParent()));
    }

    @Test
    void aBodyThatThrowsLeavesThePreviousFileIntactAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.npz");
        AtomicFiles.writeString(file, "previous");
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw io;
        })));
        IllegalStateException runtime = new IllegalStateException("encoder failed");
        assertSame(runtime, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]); // past the buffer: some of it reached the temporary file
            throw runtime;
        })));
        assertEquals("previous", Files.readString(file));
        assertEquals(List.of("checkpoint.npz"), names(dir));
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("new.csv");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, out -> {
            throw new UncheckedIOException(new IOException("no"));
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aBodyMayCloseTheStreamItWasGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.csv");
        AtomicFiles.write(file, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write("label,pixel0\n");
            }
        });
        assertEquals("label,pixel0\n", Files.readString(file));
    }

    @Test
    void givenPermissionsAreSet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        AtomicFiles.write(file, PosixFilePermissions.fromString("rw-r--r--"), out -> out.write(1));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }
}
