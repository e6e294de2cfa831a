package dev.descent.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process that keeps {@code loops} cores busy, for benchmarks that measure Descent "under load"
 * (the targets: with one core taken by another process, every command within 2.5× of its idle time).
 * It is a child JVM running plain busy loops, so it competes for cores as any other program would, not
 * for this JVM's locks or heap.
 *
 * <p>Always bounded: {@link #close} ends it (use try-with-resources), a shutdown hook ends it if this JVM
 * exits first, and the child stops by itself after {@code limit} and as soon as its parent is gone — it
 * never outlives a benchmark, even one killed with SIGKILL.
 *
 * <pre>
 *   try (BusyLoad load = BusyLoad.start(1, Duration.ofMinutes(2))) {
 *       ... time something ...
 *   }
 * </pre>
 */
public final class BusyLoad implements AutoCloseable {
    private final Process child;
    private final Thread hook;

    private BusyLoad(Process child) {
        this.child = child;
        this.hook = new Thread(child::destroyForcibly, "busy-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code loops} busy loops (0: none) in a child process that stops by itself after {@code limit}. */
    public static BusyLoad start(int loops, Duration limit) {
        if (loops < 0 || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("busy load: loops must be >= 0 and the limit positive, got " + loops + " for " + limit);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BusyLoad.class.getName(), Integer.toString(loops), Long.toString(Math.max(1, limit.toMillis()))));
        try {
            return new BusyLoad(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new IllegalStateException("busy load: cannot start " + java + ": " + e.getMessage(), e);
        }
    }

    /** The child's process id (to watch it with ps or top). */
    public long pid() {
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Stops the busy loops and waits for the child to exit. */
    @Override
    public void close() {
        child.destroy();
        try {
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) { // already shutting down: the hook does the same
        }
    }

    /** The child: {@code BusyLoad LOOPS MILLIS} spins LOOPS threads until MILLIS have passed or its parent is gone. */
    public static void main(String[] args) throws InterruptedException {
        int loops = Integer.parseInt(args[0]);
        long end = System.nanoTime() + Duration.ofMillis(Long.parseLong(args[1])).toNanos();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        for (int i = 0; i < loops; i++) {
            Thread t = new Thread(() -> spin(end), "busy-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        System.exit(0);
    }

    private static long spin(long end) {
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7; // a plain busy loop, as `while :; do :; done` is
        }
        return x;
    }
}
