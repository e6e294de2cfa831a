package dev.descent.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fixed thresholds for glibc's malloc, which the engine allocates every tensor through.
 *
 * <p>By default glibc adapts its mmap threshold to the blocks freed so far, hands the top of a heap
 * back to the kernel whenever more than twice that threshold lies free there, and unmaps a thread's
 * extra 64 MB heaps as soon as they are empty. A training step frees all of its activations and
 * gradients at once, so the next step faulted the same memory back in, page by page. Minor page
 * faults of {@code ./descent bench}, glibc's defaults / these settings: MLP (6 epochs) 175-209k /
 * 108k, and without a young GC (-Xmn300m) 50-127k / 4.6k per epoch; SimpleConvNet (2 epochs and the
 * test set) 1.73M / 217k. PyTorch's CPU tuning guide answers the same problem with jemalloc or
 * tcmalloc; here three {@code mallopt} calls suffice: blocks under 32 MB (glibc's own bound for its
 * adaptive threshold) come from the heaps, a heap shrinks only when more than 64 MB are free at its
 * top, and 64 MB of padding stay when it does. Peak RSS did not move beyond run-to-run noise.
 *
 * <p>The settings are process-wide, made once when {@link Engines} starts the engine; {@code
 * -Ddescent.malloc=default} leaves malloc alone. Where the C library has no {@code mallopt} (musl,
 * macOS) nothing changes.
 */
final class Malloc {
    private static final Logger LOG = LogManager.getLogger(Malloc.class);
    // <malloc.h>
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    static final int TRIM_THRESHOLD_BYTES = 64 << 20;
    static final int TOP_PAD_BYTES = 64 << 20;

    private Malloc() {}

    /** The C library's malloc tuning call; returns 1 on success. */
    interface C extends Library {
        int mallopt(int param, int value);
    }

    /** Sets the three parameters; true if the C library accepted them. */
    static boolean tune() {
        if ("default".equals(System.getProperty("descent.malloc"))) {
            LOG.debug("malloc: left at the C library's defaults (-Ddescent.malloc=default)");
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
                    && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1
                    && c.mallopt(M_TOP_PAD, TOP_PAD_BYTES) == 1;
            LOG.debug("malloc: mmap threshold {} MB, trim threshold {} MB, top pad {} MB{}", MMAP_THRESHOLD_BYTES >> 20,
                    TRIM_THRESHOLD_BYTES >> 20, TOP_PAD_BYTES >> 20, ok ? "" : " refused by the C library");
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) { // no mallopt, or JNA cannot load here
            LOG.debug("malloc: thresholds not set ({})", e.toString());
            return false;
        }
    }
}
