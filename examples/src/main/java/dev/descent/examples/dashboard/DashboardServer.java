package dev.descent.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.descent.data.DataException;
import dev.descent.examples.PredictImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The dashboard: the JDK's built-in HTTP server, bound to one host (127.0.0.1 unless told), serving one page and
 * the named runs, nothing else.
 * <ul>
 *   <li>{@code GET /} and the page's own assets, by a fixed table of names (any other path is 404, so no path
 *       reaches the file system);</li>
 *   <li>{@code GET /events}: Server-Sent Events, one {@code update} per run whenever it changed (new losses only);</li>
 *   <li>{@code GET /analysis?run=N}: confusion matrix and the most confidently wrong test images of run N's latest model;</li>
 *   <li>{@code POST /predict?run=N}: an image (the canvas's PNG, at most {@value #MAX_BODY} bytes, else 413) through
 *       {@code predict}'s preprocessing: the probabilities and what the model saw.</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;
    /** The canvas sends a few hundred pixels a side; requests run in parallel, so each may decode only this much. */
    static final long MAX_PIXELS = 4_000_000L;
    /** Oversized bodies up to this size are read and dropped before the 413, so the client sees the answer. */
    private static final int DRAIN = 1024 * 1024;
    private static final Logger LOG = LogManager.getLogger("descent");
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});
    /** How often an event stream looks for changes: once a second, so a browser redraws at most that often. */
    private static final long POLL_MILLIS = 1000;

    private final List<RunView> runs;
    private final HttpServer server;
    private final ExecutorService threads;
    private volatile boolean closed;

    private DashboardServer(List<RunView> runs, HttpServer server, ExecutorService threads) {
        this.runs = runs;
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving {@code runs} on {@code host:port} (port 0: any free port). */
    public static DashboardServer start(String host, int port, List<RunView> runs) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IOException("dashboard: cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        DashboardServer d = new DashboardServer(List.copyOf(runs), server, threads);
        server.createContext("/", d::handle);
        server.setExecutor(threads);
        server.start();
        return d;
    }

    /** The page's address. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            if (method.equals("POST") && path.equals("/predict")) {
                byte[] body = body(x);
                if (body != null) {
                    predict(x, run(x), body);
                }
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                send(x, 405, "text/plain", "method not allowed");
            } else if (ASSETS.containsKey(path)) {
                String[] asset = ASSETS.get(path);
                try (InputStream in = DashboardServer.class.getResourceAsStream(asset[0])) {
                    send(x, 200, asset[1], in.readAllBytes());
                }
            } else if (path.equals("/events")) {
                events(x);
            } else if (path.equals("/analysis")) {
                RunView run = run(x);
                send(x, run == null ? 404 : 200, "application/json", run == null ? "{}" : run.analysis());
            } else {
                send(x, 404, "text/plain", "not found");
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("dashboard: {} {}: {}", x.getRequestMethod(), x.getRequestURI(), e.toString());
        }
    }

    /** The run named by {@code ?run=N}, or null. */
    private RunView run(HttpExchange x) {
        String query = x.getRequestURI().getRawQuery();
        if (query != null && query.matches("run=\\d{1,3}")) {
            int i = Integer.parseInt(query.substring(4));
            return i < runs.size() ? runs.get(i) : null;
        }
        return null;
    }

    /**
     * The request body, or null after answering 413 when it is longer than {@link #MAX_BODY}. An oversized body of up to
     * {@link #DRAIN} bytes is read and dropped first: a server that answers and closes with the request still arriving
     * makes the client's side of the connection reset, and the client never reads the 413 (seen in a test run).
     */
    private static byte[] body(HttpExchange x) throws IOException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        boolean huge = length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > DRAIN;
        byte[] body = huge ? null : x.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body == null || body.length > MAX_BODY) {
            if (!huge) {
                x.getRequestBody().readNBytes(DRAIN);
            }
            send(x, 413, "text/plain", "request body over " + MAX_BODY + " bytes");
            return null;
        }
        return body;
    }

    private static void predict(HttpExchange x, RunView run, byte[] body) throws IOException {
        if (run == null) {
            send(x, 404, "application/json", "{}");
            return;
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            image = PredictImages.decode(in, "the image", MAX_PIXELS);
        } catch (DataException e) {
            send(x, 400, "application/json", "{\"error\":\"image over " + MAX_PIXELS / 1_000_000 + " megapixels\"}");
            return;
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            send(x, 400, "application/json", "{\"error\":\"not an image\"}");
            return;
        }
        send(x, 200, "application/json", run.predict(image));
    }

    /** One {@code update} event per run that changed since the last, until the client leaves or the server closes. */
    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        long[] seen = new long[runs.size()];
        int[] lossFrom = new int[runs.size()];
        int[] statFrom = new int[runs.size()];
        Arrays.fill(seen, -1);
        while (!closed) {
            boolean sent = false;
            for (int i = 0; i < runs.size(); i++) {
                RunView run = runs.get(i);
                long v = run.version();
                if (v != seen[i]) {
                    sent = true;
                    seen[i] = v;
                    RunView.Update u = run.update(lossFrom[i], statFrom[i]);
                    lossFrom[i] = u.lossTo();
                    statFrom[i] = u.statTo();
                    out.write(("event: update\ndata: {\"run\":" + i + ",\"state\":" + u.json() + "}\n\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!sent) { // an SSE comment: flushing nothing never touches the socket, so a client that left would go unnoticed
                out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
            }
            out.flush(); // throws once the client has gone
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
        runs.forEach(RunView::close);
    }
}
