package dev.descent.data;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Progress of a download, for a terminal bar or log lines. {@code total} is -1 when the server does
 * not say how long the file is.
 */
public interface DownloadListener {
    void progress(String source, long bytes, long total);

    /** Called once the whole file has arrived (before it is verified). */
    default void finished(String source, long bytes) {}

    /** The default: a Log4j2 line when a download starts, at every further 25%, and when it ends. */
    static DownloadListener logging() {
        Logger log = LogManager.getLogger(DownloadListener.class);
        return new DownloadListener() {
            private String current;
            private long nextReport;

            @Override
            public void progress(String source, long bytes, long total) {
                long step = total > 0 ? Math.max(1, total / 4) : 10L << 20;
                if (!source.equals(current)) {
                    current = source;
                    nextReport = step;
                    log.info("downloading {}{}", source, total > 0 ? String.format(" (%,d bytes)", total) : "");
                } else if (bytes >= nextReport) {
                    nextReport = (bytes / step + 1) * step;
                    log.info("{}: {}", source, total > 0
                            ? String.format("%d%% of %,d bytes", 100 * bytes / total, total)
                            : String.format("%,d bytes", bytes));
                }
            }

            @Override
            public void finished(String source, long bytes) {
                log.info("downloaded {} ({} bytes)", source, String.format("%,d", bytes));
            }
        };
    }

    static DownloadListener silent() {
        return (source, bytes, total) -> { };
    }
}
