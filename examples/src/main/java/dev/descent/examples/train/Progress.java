package dev.descent.examples.train;

import java.io.PrintStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Where a training loop reports: a bar redrawn in place on a terminal, or nothing but the log's
 * per-epoch lines when output goes to a file or CI (so logs never fill with carriage returns).
 */
public interface Progress {

    void start(String title, long total);

    void advance(long done, double loss);

    /** Ends the current bar; {@code line} is logged (always, terminal or not). */
    void finish(String line);

    /** The console bar when stdout is a terminal, plain log lines otherwise. */
    static Progress forConsole() {
        return System.console() != null ? new Bar(System.out) : new LogLines();
    }

    /** Plain log lines, one per finished epoch. */
    final class LogLines implements Progress {
        private static final Logger LOG = LogManager.getLogger("descent");

        @Override
        public void start(String title, long total) {}

        @Override
        public void advance(long done, double loss) {}

        @Override
        public void finish(String line) {
            LOG.info(line);
        }
    }

    /** A terminal progress bar, redrawn at most ten times a second. */
    final class Bar implements Progress {
        private final PrintStream out;
        private final LogLines log = new LogLines();
        private String title = "";
        private long total;
        private long lastDraw;
        private long barStart;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void start(String title, long total) {
            this.title = title;
            this.total = Math.max(total, 1);
            this.barStart = System.nanoTime();
            this.lastDraw = 0;
        }

        @Override
        public void advance(long done, double loss) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = (int) (width * done / total);
            double seconds = (now - barStart) / 1e9;
            out.printf("\r%s [%s%s] %d/%d loss %.4f %.1fs ", title, "=".repeat(filled), " ".repeat(width - filled), done, total,
                    loss, seconds);
            out.flush();
        }

        @Override
        public void finish(String line) {
            out.print("\r\033[K");
            out.flush();
            log.finish(line);
        }
    }
}
