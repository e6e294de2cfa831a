package dev.descent.examples.train;

import dev.descent.core.AtomicFiles;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.examples.ConfigException;
import dev.descent.optim.Optimizer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A run's directory and its contract (DESIGN §5), as a callback:
 * <ul>
 * <li>one process at a time: {@code .lock} is locked while the run lives; a second process is refused at once;</li>
 * <li>after every evaluation, {@code model.npz} and {@code checkpoint.npz}, then the {@code metrics.csv} that names
 *     the row — all written atomically, the checkpoint first, so a row never exists without its checkpoint;</li>
 * <li>on an interrupt, a checkpoint at the current update;</li>
 * <li>a directory this process made and that never got its {@code marker} (the run failed before its first
 *     checkpoint) is removed again on {@link #close}; one that existed stays reusable, since only the marker
 *     makes a directory "hold a run".</li>
 * </ul>
 */
public final class RunDirectory implements Callback, AutoCloseable {
    public static final String CONFIG = "config.properties";
    public static final String METRICS = "metrics.csv";
    public static final String MODEL = "model.npz";
    private static final String LOCK = ".lock";

    private final Path dir;
    private final String marker;
    private final boolean created;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunDirectory(Path dir, String marker, boolean created, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.marker = marker;
        this.created = created;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Makes (if needed) and locks {@code dir}. Unless {@code resume}, a directory already holding
     * {@code marker} is refused with {@code hint} (what the user can do instead).
     */
    public static RunDirectory open(Path dir, String marker, boolean resume, String hint) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("out " + dir + " exists and is not a directory");
        }
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException("out " + dir + " is in use by another running descent process; wait for it or choose another --out");
        }
        RunDirectory run = new RunDirectory(dir, marker, created, channel, lock);
        if (!resume && Files.exists(dir.resolve(marker))) {
            run.close();
            throw new ConfigException("out " + dir + " already holds a run (" + marker + "); " + hint);
        }
        return run;
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String file) {
        return dir.resolve(file);
    }

    public boolean hasCheckpoint() {
        return Files.exists(dir.resolve(Checkpoint.FILE));
    }

    /** Loads the checkpoint into network and optimizer. */
    public Checkpoint.Saved loadCheckpoint(Network network, Optimizer optimizer) throws IOException {
        return Checkpoint.load(dir.resolve(Checkpoint.FILE), network, optimizer);
    }

    public void writeConfig(String text) throws IOException {
        AtomicFiles.writeString(dir.resolve(CONFIG), text);
    }

    /** The header, or a resumed run's rows as its checkpoint holds them: the file is made to say the same. */
    @Override
    public void onTrainBegin(TrainingState state) throws IOException {
        Metrics.write(dir.resolve(METRICS), state.rows());
    }

    @Override
    public void onCheckpoint(TrainingState state, SavePoint reason) throws IOException {
        if (reason == SavePoint.EVALUATION) {
            ModelFile.save(state.network(), dir.resolve(MODEL));
        }
        Checkpoint.save(dir.resolve(Checkpoint.FILE), state);
        if (reason == SavePoint.EVALUATION) {
            Metrics.write(dir.resolve(METRICS), state.rows());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
        if (created && !Files.exists(dir.resolve(marker))) {
            for (String f : List.of(LOCK, CONFIG, METRICS, MODEL)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
