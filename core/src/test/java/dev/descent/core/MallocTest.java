package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * glibc accepts the three settings (it refuses an mmap threshold above 32 MB on 64-bit, for one). Their
 * effect is measured by {@code ./descent bench}, not here: a short loop in a test JVM does not reproduce
 * the trimming (see {@link Malloc} for the page faults measured with and without these settings).
 */
class MallocTest {
    private static boolean glibc() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        return Files.isReadable(maps) && Files.readString(maps).contains("/libc.so.6");
    }

    @Test
    void glibcTakesAllThreeSettings() throws IOException {
        assumeTrue(glibc(), "needs Linux with glibc");
        assertTrue(Malloc.tune());
    }

    @Test
    void aSystemPropertyLeavesMallocAlone() {
        System.setProperty("descent.malloc", "default");
        try {
            assertFalse(Malloc.tune());
        } finally {
            System.clearProperty("descent.malloc");
        }
    }
}
