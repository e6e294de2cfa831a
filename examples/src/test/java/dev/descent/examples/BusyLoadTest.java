package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The busy load runs in another process, burns CPU there, and always stops. */
class BusyLoadTest {

    private static Duration cpu(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    @Test
    void burnsCpuInAChildProcessUntilClosed() throws InterruptedException {
        long pid;
        try (BusyLoad load = BusyLoad.start(1, Duration.ofSeconds(60))) {
            pid = load.pid();
            assertTrue(pid != ProcessHandle.current().pid());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (cpu(pid).toMillis() < 300 && System.nanoTime() < deadline) { // JVM start-up, then the loop
                Thread.sleep(100);
            }
            assertTrue(cpu(pid).toMillis() >= 300, "child used " + cpu(pid));
            assertTrue(load.isAlive());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void stopsByItselfAtItsLimit() throws InterruptedException {
        try (BusyLoad load = BusyLoad.start(1, Duration.ofMillis(500))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (load.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(load.isAlive());
        }
    }
}
