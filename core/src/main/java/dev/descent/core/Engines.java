package dev.descent.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one place that starts DJL's PyTorch engine, so that it never tries to download anything.
 *
 * <p>DJL reads its settings from system properties when the engine first loads, so they are set
 * here before the first {@link Engine#getInstance()}: {@code ai.djl.offline=true} (the native
 * libraries come from the {@code pytorch-native-cpu} jar on the class path), the intra-op thread
 * count and one inter-op thread. Intra-op threads: all cores, less one for each core that other
 * processes kept busy while the engine loaded ({@link CpuLoad}); {@code -Ddescent.threads=N} fixes the
 * count. The count does not change results: the shipped MLP and SimpleConvNet train to bit-identical
 * weights on one thread and on two.
 * It also fixes glibc's malloc thresholds, so that training steps reuse freed memory instead of
 * faulting it back in ({@link Malloc}; {@code -Ddescent.malloc=default} leaves malloc alone), and puts
 * {@code GOMP_SPINCOUNT} into the environment the engine's OpenMP library reads when it loads, so that
 * its threads stop spinning for a partner that another process has descheduled ({@link OpenMp};
 * {@code -Ddescent.openmp=default} leaves it alone).
 */
public final class Engines {
    private static final Logger LOG = LogManager.getLogger(Engines.class);
    private static Engine engine;
    /** Whether the thread count follows the load (no -Ddescent.threads or num_threads property). */
    private static boolean adaptive;
    private static CpuLoad.Sample lastSample;
    /** Re-measure the load at most this often: a window long enough that one busy core shows as ≥ 50 ticks. */
    static final long ADAPT_INTERVAL_NANOS = 2_000_000_000L;

    private Engines() {}

    /** Starts the engine once (offline) and returns it. */
    public static synchronized Engine start() {
        if (engine == null) {
            CpuLoad.Sample before = CpuLoad.sample();
            Malloc.tune();
            OpenMp.configure();
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.default_engine", "PyTorch");
            boolean chosen = System.getProperty("descent.threads") != null || System.getProperty("ai.djl.pytorch.num_threads") != null;
            int cores = Runtime.getRuntime().availableProcessors();
            int threads = Integer.getInteger("descent.threads", cores);
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
            engine = Engine.getEngine("PyTorch");
            lastSample = CpuLoad.sample();
            double foreign = CpuLoad.foreignCores(before, lastSample, cores);
            adaptive = !chosen;
            if (adaptive && CpuLoad.threadsBeside(foreign, cores) < threads) {
                threads = CpuLoad.threadsBeside(foreign, cores);
                JniUtils.setNumThreads(threads);
            }
            LOG.debug("DJL {} engine {} started with {} intra-op threads ({} of {} cores busy elsewhere meanwhile)",
                    Engine.getDjlVersion(), engine.getVersion(), threads, String.format("%.2f", foreign), cores);
        }
        return engine;
    }

    /** The engine's intra-op thread count for ops started from the calling thread. */
    public static int threads() {
        start();
        return JniUtils.getNumThreads();
    }

    /**
     * Sets the intra-op thread count for ops started from the calling thread (OpenMP and MKL keep it per
     * thread) and for threads that start their first op later. Small ops gain nothing from a second thread
     * and pay for every hand-off, most of all when another process holds a core.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
        }
        start();
        JniUtils.setNumThreads(threads);
    }

    /**
     * Re-chooses the intra-op thread count from the load other processes put on the machine since the last
     * choice, at most once every 2 s (otherwise one clock read): a loop calls it between steps, from the
     * thread that runs them, and its threads follow a busy neighbour that arrives or leaves mid-run. Does
     * nothing when {@code -Ddescent.threads} fixed the count. Returns the count now in effect.
     */
    public static synchronized int adaptThreads() {
        start();
        if (!adaptive || lastSample == null || System.nanoTime() - lastSample.nanos() < ADAPT_INTERVAL_NANOS) {
            return JniUtils.getNumThreads();
        }
        CpuLoad.Sample now = CpuLoad.sample();
        int cores = Runtime.getRuntime().availableProcessors();
        int want = CpuLoad.threadsBeside(CpuLoad.foreignCores(lastSample, now, cores), cores);
        lastSample = now;
        int have = JniUtils.getNumThreads();
        if (want != have) {
            JniUtils.setNumThreads(want);
            LOG.debug("intra-op threads {} -> {} (load of other processes)", have, want);
        }
        return want;
    }

    /** Seeds the engine's random generator (dropout masks, permutations made by the engine). */
    public static void seed(long seed) {
        start().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** A new top-level manager on the started engine; the caller closes it. */
    public static NDManager newManager() {
        return start().newBaseManager();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
