package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/**
 * The spin count reaches the C environment before the engine loads libgomp, and the thread count can be
 * changed at run time. Their effect under load is measured by benchmarks (see {@link OpenMp}), not here.
 */
class OpenMpTest {
    private static final boolean USER_CHOSE = System.getenv("GOMP_SPINCOUNT") != null || System.getenv("OMP_WAIT_POLICY") != null;

    @Test
    void libgompFindsTheSpinCountInTheEnvironmentItReads() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && !USER_CHOSE, "Linux, no OpenMP settings of the user's");
        Engines.start();
        assertTrue(OpenMp.libgompLoaded());
        OpenMp.C c = Native.load("c", OpenMp.C.class);
        assertEquals(OpenMp.SPIN_COUNT, c.getenv("GOMP_SPINCOUNT"));
        assertEquals(OpenMp.SPIN_COUNT, OpenMp.configure(), "a second call keeps what is there");
    }

    @Test
    void threadsChangeAtRunTimeForTheCallingThread() {
        int before = Engines.threads();
        try {
            Engines.setThreads(1);
            assertEquals(1, Engines.threads());
        } finally {
            Engines.setThreads(before);
        }
        assertEquals(before, Engines.threads());
        assertThrows(IllegalArgumentException.class, () -> Engines.setThreads(0));
    }

    @Test
    void adaptingBetweenStepsKeepsACountTheMachineHas() {
        int before = Engines.threads();
        try {
            for (int i = 0; i < 3; i++) { // within 2 s of the last look: the count in effect, unchanged
                int n = Engines.adaptThreads();
                assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "threads " + n);
                assertEquals(n, Engines.threads());
            }
        } finally {
            Engines.setThreads(before);
        }
    }
}
