package dev.descent.examples.cli;

import dev.descent.examples.Bench;
import dev.descent.examples.BusyLoad;
import dev.descent.examples.ConfigException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent bench}: the training loop alone and MNIST loading, timed. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the training loop (data in memory) for the MLP and the SimpleConvNet, and MNIST loading.",
            "Warm-up epochs excluded; prints median and spread, GFLOP/s and peak RSS; --csv appends the rows."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--jobs", split = ",", paramLabel = "A,B", defaultValue = "load,mlp,cnn",
            description = "what to time: load, mlp (784-100-10, SGD lr 0.1), mlp-adam, cnn (SimpleConvNet, Adam lr 0.001), "
                    + "gradcheck (TwoLayerNet, every element), time-to-99 (configs/fast.properties: training + test evaluation, once) "
                    + "(default: ${DEFAULT-VALUE})")
    List<String> jobs;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "MLP epochs, the first one warm-up (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--cnn-epochs", paramLabel = "N", defaultValue = "3", description = "CNN epochs, the first one warm-up (default: ${DEFAULT-VALUE})")
    int cnnEpochs;

    @Option(names = "--csv", paramLabel = "FILE", description = "append one row per job to this CSV file")
    Path csv;

    @Option(names = "--load", paramLabel = "N", defaultValue = "0",
            description = "time under load: N busy loops in a child process for as long as the jobs run (default: ${DEFAULT-VALUE})")
    int load;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "MNIST directory (default: the user cache, fetched if needed)")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        for (String job : jobs) {
            if (!Bench.JOBS.contains(job)) {
                throw new ConfigException("bench job '" + job + "' is not valid; valid: " + String.join(", ", Bench.JOBS));
            }
        }
        if (load < 0 || load > 64) {
            throw new ConfigException("--load must be 0 to 64 busy loops, got " + load);
        }
        try (BusyLoad busy = load > 0 ? BusyLoad.start(load, Duration.ofHours(2)) : null) {
            if (busy != null) {
                Options.print("under load: " + load + " busy loop(s) in process " + busy.pid() + "\n");
            }
            run();
        }
        return 0;
    }

    private void run() throws IOException {
        Options.print(String.format("%-10s %9s %17s %8s %8s %9s%n", "job", "median s", "min-max s", "GFLOP/s", "test acc", "peak RSS"));
        for (String job : jobs) {
            Bench.Row row = Bench.job(job, epochs, cnnEpochs, dataDir, System.out);
            long rss = Bench.peakRssMegabytes();
            Options.print(String.format(Locale.ROOT, "%-10s %9.3f %8.3f-%-8.3f %8s %8s %6d MB%n", row.job(), row.median(), row.min(), row.max(),
                    row.gflop() > 0 ? String.format(Locale.ROOT, "%.1f", row.gflop() / row.median()) : "-",
                    Double.isNaN(row.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", row.testAccuracy()), rss));
            if (csv != null) {
                append(row, rss);
            }
        }
    }

    private void append(Bench.Row row, long rss) throws IOException {
        boolean header = !Files.exists(csv);
        try (Writer w = Files.newBufferedWriter(csv, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (header) {
                w.write("time,job,median_s,min_s,max_s,epochs_timed,gflop_per_s,test_accuracy,peak_rss_mb,threads\n");
            }
            w.write(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%d,%s,%s,%d,%s%n", LocalDateTime.now().withNano(0), row.job(),
                    row.median(), row.min(), row.max(), row.seconds().size(),
                    row.gflop() > 0 ? String.format(Locale.ROOT, "%.2f", row.gflop() / row.median()) : "",
                    Double.isNaN(row.testAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f", row.testAccuracy()), rss,
                    System.getProperty("ai.djl.pytorch.num_threads", "")));
        }
    }
}
