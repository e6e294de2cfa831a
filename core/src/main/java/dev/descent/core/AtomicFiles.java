package dev.descent.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that are either the old version or the complete new one, never a torn mix: the content goes to
 * a temporary file beside the target ({@code .NAME.RANDOM.tmp}), is forced to disk, and only then
 * renamed over the target in one atomic step. When the body fails, the temporary file is deleted, the
 * target is left as it was and the failure is rethrown.
 *
 * <p>Why a rename and not a write in place: a run killed while writing its checkpoint, or two processes
 * fetching the same data set, must not leave a file that a later run trusts and cannot read. Why the
 * force before the rename: after a power loss the rename could otherwise be on disk before the content.
 */
public final class AtomicFiles {

    /** What a body does with the stream it is given. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T value) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} with what {@code body} writes to the stream (creating missing parent
     * directories). The new file gets the permissions of any newly created file (the umask's).
     * The body may close the stream; it is flushed and forced to disk either way.
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        write(target, null, body);
    }

    /** As {@link #write(Path, IOConsumer)}, with the file's POSIX permissions set (ignored where the file system has none). */
    public static void write(Path target, Set<PosixFilePermission> permissions, IOConsumer<OutputStream> body) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            while (tmp == null) {
                tmp = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    Files.createFile(tmp);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // another writer's; draw another name
                }
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                body.accept(new KeepOpen(out));
                out.flush();
                channel.force(true);
            }
            if (permissions != null && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The body's view of the stream: closing it only flushes, so the content can still be forced to disk. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
