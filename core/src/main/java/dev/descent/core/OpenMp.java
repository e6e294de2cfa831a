package dev.descent.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * How long the engine's OpenMP threads (libgomp, shipped in DJL's native bundle) spin before they sleep.
 *
 * <p>libgomp's default lets a thread that waits at the end of a parallel region, or for the next one, spin
 * about 300,000 times first. On a 2-core machine with any other busy process, one of the two compute
 * threads is often descheduled, and the other burns its whole time slice waiting for it, on every op: a
 * gradient check took 60× longer beside a training run, whose epochs went from 2.4 s to 280 s. {@value
 * #SPIN_COUNT} spins (tens of microseconds) give the core away soon when it is shared, and {@link
 * Engines#adaptThreads} drops to one thread while another process keeps a core busy, so the spinning only
 * happens where both cores are free. There it matters: with 1,000 spins a thread often fell asleep between
 * two ops of one step and had to be woken for the next (MLP epoch 0.37-0.39 s against 0.31-0.33 s with
 * 3,000-100,000 spins, 0.32 s with libgomp's default; SimpleConvNet's epoch moved less, within noise).
 * Measured with 10,000: {@code gradcheck} beside the default {@code train} 1.4× its time alone, that
 * training 1.4×, same metrics; a busy loop beside {@code gradcheck}, {@code train} or {@code compare}
 * 1.2-1.4× their idle time (DESIGN §7 has the table from before the thread adaptation, when 10,000 spins
 * still let a gradient check take 33 s beside a training run).
 *
 * <p>libgomp reads its settings once, when it is loaded, from the C environment: {@link #configure} puts
 * {@code GOMP_SPINCOUNT} there with {@code setenv} before {@link Engines} loads the engine, for {@code
 * ./descent} and for applications that embed Descent alike. Settings the user made win: nothing changes when
 * {@code GOMP_SPINCOUNT} or {@code OMP_WAIT_POLICY} is in the environment, or with {@code
 * -Ddescent.openmp=default}; {@code -Ddescent.openmp.spincount=N} picks another count.
 */
final class OpenMp {
    private static final Logger LOG = LogManager.getLogger(OpenMp.class);
    static final String SPIN_COUNT = "10000";

    private OpenMp() {}

    /** The C library's environment calls (not Java's copy of the environment, which libgomp never sees). */
    interface C extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** Sets GOMP_SPINCOUNT in the C environment unless the user chose; returns the value libgomp will read, or null. */
    static String configure() {
        String count = System.getProperty("descent.openmp.spincount", SPIN_COUNT);
        if ("default".equals(System.getProperty("descent.openmp"))) {
            LOG.debug("OpenMP: left at libgomp's defaults (-Ddescent.openmp=default)");
            return null;
        }
        try {
            C c = Native.load("c", C.class);
            if (c.getenv("GOMP_SPINCOUNT") != null || c.getenv("OMP_WAIT_POLICY") != null) {
                LOG.debug("OpenMP: the environment's GOMP_SPINCOUNT={} OMP_WAIT_POLICY={} kept",
                        c.getenv("GOMP_SPINCOUNT"), c.getenv("OMP_WAIT_POLICY"));
                return c.getenv("GOMP_SPINCOUNT");
            }
            if (libgompLoaded()) {
                LOG.warn("OpenMP: libgomp was loaded before Descent started the engine, so GOMP_SPINCOUNT={} comes too late;"
                        + " set it in the environment of the process", count);
                return null;
            }
            if (c.setenv("GOMP_SPINCOUNT", count, 0) != 0) {
                return null;
            }
            LOG.debug("OpenMP: GOMP_SPINCOUNT={}", count);
            return count;
        } catch (UnsatisfiedLinkError | RuntimeException e) { // no C library JNA can load: libgomp keeps its defaults
            LOG.debug("OpenMP: GOMP_SPINCOUNT not set ({})", e.toString());
            return null;
        }
    }

    /** Whether a libgomp is mapped into this process already (Linux; false where /proc is missing). */
    static boolean libgompLoaded() {
        try {
            Path maps = Path.of("/proc/self/maps");
            return Files.isReadable(maps) && Files.readString(maps).contains("libgomp");
        } catch (IOException e) {
            return false;
        }
    }
}
