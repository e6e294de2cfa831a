package dev.descent.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fixed thresholds for glibc's malloc, which the engine allocates every tensor through.
 *
 * <p>By default glibc adapts its mmap threshold to the blocks freed so far and hands the top of its
 * heap back to the kernel whenever more than twice that threshold lies free there. A training step
 * frees all of its activations and gradients at once, so the next step faulted the same memory back
 * in, page by page: 6 MLP epochs took 220-250k minor page faults (108k with the thresholds below)
 * and ran up to 1.3x slower, depending on which long-lived allocation happened to sit at the top of
 * the heap. This is the problem PyTorch's CPU tuning guide answers with jemalloc or tcmalloc; here two
 * {@code mallopt} calls suffice: blocks under 32 MB come from the heap (32 MB is glibc's own upper
 * bound for the adaptive threshold), and the heap shrinks only when more than 64 MB are free at its
 * top, so at most 64 MB stay resident that a default malloc would have returned.
 *
 * <p>The settings are process-wide, made once when {@link Engines} starts the engine; {@code
 * -Ddescent.malloc=default} leaves malloc alone. Where the C library has no {@code mallopt} (musl,
 * macOS) nothing changes.
 */
final class Malloc {
    private static final Logger LOG = LogManager.getLogger(Malloc.class);
    // <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    static final int TRIM_THRESHOLD_BYTES = 64 << 20;

    private Malloc() {}

    /** The C library's malloc tuning call; returns 1 on success. */
    interface C extends Library {
        int mallopt(int param, int value);
    }

    /** Sets both thresholds; true if the C library accepted them. */
    static boolean tune() {
        if ("default".equals(System.getProperty("descent.malloc"))) {
            LOG.debug("malloc: left at the C library's defaults (-Ddescent.malloc=default)");
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
                    && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
            LOG.debug("malloc: mmap threshold {} MB, trim threshold {} MB{}", MMAP_THRESHOLD_BYTES >> 20,
                    TRIM_THRESHOLD_BYTES >> 20, ok ? "" : " refused by the C library");
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) { // no mallopt, or JNA cannot load here
            LOG.debug("malloc: thresholds not set ({})", e.toString());
            return false;
        }
    }
}
