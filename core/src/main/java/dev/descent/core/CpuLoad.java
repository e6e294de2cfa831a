package dev.descent.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many cores other processes kept busy over a stretch of time (Linux: {@code /proc/stat} for the
 * machine, {@code /proc/self/stat} for this process; both count in clock ticks of 10 ms).
 *
 * <p>{@link Engines} samples it around loading the engine (~0.4 s that happen anyway) and starts with one
 * intra-op thread instead of two when another process holds a core: the two threads' hand-offs would
 * then wait for each other's turn on the remaining one.
 */
final class CpuLoad {
    /** Shorter windows than this say too little (4 ticks per core at 10 ms a tick). */
    static final long MIN_WINDOW_NANOS = 40_000_000L;
    private static final Path MACHINE = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");

    /** Busy and total ticks of the machine and busy ticks of this process at one moment; null fields where /proc is missing. */
    record Sample(long nanos, long machineBusy, long machineTotal, long selfBusy) {}

    private CpuLoad() {}

    /** The counters now, or null where they cannot be read (not Linux). */
    static Sample sample() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            String[] cpu = Files.readAllLines(MACHINE).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, cpu.length - 1); i++) { // guest time is already in user
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
            // /proc/self/stat: fields after the ")" that ends the command name; utime and stime are fields 14 and 15
            String self = Files.readString(SELF);
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long selfBusy = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return new Sample(System.nanoTime(), total - idle, total, selfBusy);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Cores kept busy by other processes between two samples (0 … number of cores), or NaN when the
     * window is too short or a sample is missing. Steal time (another virtual machine's) counts as busy.
     */
    static double foreignCores(Sample before, Sample after, int cores) {
        if (before == null || after == null || after.nanos() - before.nanos() < MIN_WINDOW_NANOS
                || after.machineTotal() <= before.machineTotal()) {
            return Double.NaN;
        }
        double ticks = after.machineTotal() - before.machineTotal();
        double foreign = (after.machineBusy() - before.machineBusy()) - (after.selfBusy() - before.selfBusy());
        return Math.max(0, Math.min(cores, cores * foreign / ticks));
    }

    /** Intra-op threads for {@code cores} cores of which {@code foreign} are taken: the free ones, rounded, at least 1. */
    static int threadsBeside(double foreign, int cores) {
        if (Double.isNaN(foreign)) {
            return cores;
        }
        return (int) Math.max(1, cores - Math.floor(foreign + 0.5));
    }
}
