package dev.descent.data;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): load times of all 70,000 MNIST images from raw IDX, gzip IDX, CSV, and by
 * name (cache, with SHA-256 verification). Needs the real MNIST in the cache (or fetchable).
 * Run: {@code mvn -q -pl datasets -am test-compile} then {@code java -cp <test class path> dev.descent.data.LoadBenchmark}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    public static void main(String[] args) throws IOException {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path work = Files.createTempDirectory("descent-bench");
        try (NDManager manager = Engines.newManager()) {
            Path raw = work.resolve("raw");
            Path gz = work.resolve("gz");
            Files.createDirectories(raw);
            Files.createDirectories(gz);
            try (TrainTest mnist = Datasets.load("mnist", null, manager, DownloadListener.logging())) {
                Datasets.writeCsv(mnist.train(), work.resolve("train.csv"));
                Datasets.writeCsv(mnist.test(), work.resolve("test.csv"));
            }
            Path cache = Datasets.cacheDirectory().resolve("mnist");
            for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
                byte[] content = Files.readAllBytes(cache.resolve(name));
                Files.write(raw.resolve(name), content);
                Files.write(gz.resolve(name + ".gz"), Fixtures.gzip(content));
            }
            time("raw IDX directory (no checksum)", repeats, manager, () -> Datasets.loadDirectory(raw, manager));
            time("gzip IDX directory (no checksum)", repeats, manager, () -> Datasets.loadDirectory(gz, manager));
            time("load(\"mnist\") from cache, SHA-256 verified", repeats, manager,
                    () -> Datasets.load("mnist", null, manager, DownloadListener.silent()));
            time("CSV pair", Math.max(1, repeats / 3), manager,
                    () -> Datasets.loadCsv(work.resolve("train.csv"), work.resolve("test.csv"), manager));
            long start = System.nanoTime();
            byte[] trainImages = Files.readAllBytes(raw.resolve("train-images-idx3-ubyte"));
            long read = System.nanoTime();
            Sha256.hex(trainImages);
            long hashed = System.nanoTime();
            System.out.printf("parts: read train-images %.1f ms, SHA-256 of it %.1f ms%n", (read - start) / 1e6,
                    (hashed - read) / 1e6);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void time(String what, int repeats, NDManager manager, Supplier<TrainTest> load) {
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            TrainTest t = load.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (t.train().size() + t.test().size() != 70_000) {
                throw new IllegalStateException(what + ": loaded " + (t.train().size() + t.test().size()) + " images");
            }
            t.close();
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%-45s min %7.1f ms  median %7.1f ms  (%d runs: %s)%n", what, sorted[0],
                sorted[repeats / 2], repeats, Arrays.toString(Arrays.stream(ms).map(Math::rint).toArray()));
    }
}
