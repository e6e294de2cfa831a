package dev.descent.examples.train;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first one asks the loop to checkpoint the current
 * update and stop ({@link Trainer#interruptedWhen}); a second one, or one outside training, ends the
 * process at once with 130. Without these handlers the JVM would die mid-epoch and lose the epoch.
 */
public final class Interrupts implements BooleanSupplier {
    private static final Interrupts INSTANCE = new Interrupts();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean training;
    private boolean installed;

    private Interrupts() {}

    /** The process-wide handler, installed on first use. */
    public static synchronized Interrupts install() {
        if (!INSTANCE.installed) {
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    Signal.handle(new Signal(name), s -> INSTANCE.signal(s.getName()));
                } catch (IllegalArgumentException e) {
                    LogManager.getLogger(Interrupts.class).debug("cannot handle SIG{}: {}", name, e.getMessage());
                }
            }
            INSTANCE.installed = true;
        }
        return INSTANCE;
    }

    private void signal(String name) {
        if (training && requested.compareAndSet(false, true)) {
            System.err.println((System.console() != null ? "\r\033[K" : "") + "descent: SIG" + name
                    + " received; saving a checkpoint at the current iteration ...");
            return;
        }
        System.exit(130);
    }

    /** Marks the span in which a signal is turned into a checkpoint instead of an exit. */
    public void training(boolean on) {
        training = on;
        if (!on) {
            requested.set(false);
        }
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }
}
