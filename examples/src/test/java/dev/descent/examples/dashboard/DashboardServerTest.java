package dev.descent.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DownloadListener;
import dev.descent.examples.Classifier;
import dev.descent.examples.Config;
import dev.descent.examples.Synthetic;
import dev.descent.examples.TrainMnist;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.Trainer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over real HTTP on port 0: the page, an SSE update that matches the run, the analysis, the canvas's predict, and what it refuses. */
class DashboardServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static double[] array(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1).isEmpty() ? new double[0] : Arrays.stream(m.group(1).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** The status line's code of a request sent byte for byte (no client normalises the path). */
    private static int raw(URI uri, String requestLine) throws IOException {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void servesTheRunAndRefusesWhatItShould(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir);
        Path out = dir.resolve("run");
        RunView view = RunView.live("synthetic", config);
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0, List.of(view))) {
            URI uri = server.uri();
            assertEquals("127.0.0.1", uri.getHost());
            Trainer.Result r = TrainMnist.train(config, out, false, new Progress.LogLines(), DownloadListener.silent(), () -> false,
                    new DashboardFeed(view));

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<canvas id=\"pad\"") && page.body().contains("dashboard.js"), page.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(uri.resolve("/dashboard.js")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());

            // one SSE update: every update's loss (2 epochs of 10), their mean per epoch is the metrics row's loss
            String data;
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(uri.resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElse(""));
            try (Stream<String> lines = events.body()) {
                Iterator<String> it = lines.iterator();
                assertEquals("event: update", it.next());
                data = it.next();
            }
            assertTrue(data.startsWith("data: {\"run\":0,") && data.contains("\"finished\":true"), data);
            double[] losses = array(data, "losses");
            assertEquals(20, losses.length);
            for (int e = 0; e < 2; e++) {
                Metrics.Row row = r.rows().get(e);
                assertEquals(row.loss(), Arrays.stream(losses, 10 * e, 10 * e + 10).average().orElseThrow(), 1e-6);
            }
            assertEquals(r.last().testAccuracy(), array(data, "test_accuracy")[1], 1e-6);
            // layer statistics: every update (10 per epoch < 50 samples), per parameter a gradient norm and a ratio, all positive
            Matcher stats = Pattern.compile("\\[(\\d+(?:,[^\\[\\]]+){8})\\]").matcher(data.substring(data.indexOf("\"stats\"")));
            int count = 0;
            while (stats.find()) {
                double[] s = Arrays.stream(stats.group(1).split(",")).mapToDouble(Double::parseDouble).toArray();
                assertEquals(++count, s[0], 0); // the iteration
                assertTrue(Arrays.stream(s).allMatch(v -> v > 0 && v < 1e3), Arrays.toString(s));
            }
            assertEquals(20, count);

            // analysis: the confusion matrix of the final model counts every test image; its trace is the test accuracy
            String analysis = http.send(HttpRequest.newBuilder(uri.resolve("/analysis?run=0")).build(), HttpResponse.BodyHandlers.ofString()).body();
            double[] confusion = Arrays.stream(analysis.replaceAll(".*\"confusion\":\\[\\[(.*?)\\]\\].*", "$1").split("\\],\\["))
                    .flatMap(row -> Arrays.stream(row.split(","))).mapToDouble(Double::parseDouble).toArray();
            assertEquals(100, confusion.length);
            assertEquals(200, Arrays.stream(confusion).sum(), 0);
            double trace = 0;
            for (int i = 0; i < 10; i++) {
                trace += confusion[11 * i];
            }
            assertEquals(r.last().testAccuracy(), trace / 200, 1e-6);

            // the canvas: a drawn stroke through predict's preprocessing and the latest weights = predict on the saved model
            BufferedImage drawing = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = drawing.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 280, 280);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawLine(140, 40, 140, 240);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(drawing, "png", png);
            HttpResponse<String> predicted = http.send(HttpRequest.newBuilder(uri.resolve("/predict?run=0"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, predicted.statusCode(), predicted.body());
            double[] p = array(predicted.body(), "probabilities");
            try (Classifier saved = Classifier.load(out)) {
                float[] expected = saved.probabilities(List.of(saved.preprocessing().apply(drawing, "drawing")))[0];
                for (int i = 0; i < 10; i++) {
                    assertEquals(expected[i], p[i], 1e-5);
                }
            }
            assertEquals(784, array(predicted.body(), "input").length);

            // refused: paths outside the table, a body over the limit, an unknown run
            assertEquals(404, raw(uri, "GET /../../etc/passwd HTTP/1.1"));
            assertEquals(404, raw(uri, "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1"));
            assertEquals(404, raw(uri, "GET /dashboard.js/../../../etc/passwd HTTP/1.1"));
            assertEquals(404, raw(uri, "GET /index.html HTTP/1.1"));
            assertEquals(413, http.send(HttpRequest.newBuilder(uri.resolve("/predict?run=0"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[DashboardServer.MAX_BODY + 1])).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<String> bomb = http.send(HttpRequest.newBuilder(uri.resolve("/predict?run=0"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Synthetic.pngClaiming(2_001, 2_000))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bomb.statusCode());
            assertEquals("{\"error\":\"image over 4 megapixels\"}", bomb.body());
            assertEquals(404, http.send(HttpRequest.newBuilder(uri.resolve("/analysis?run=5")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
        }
    }
}
