package dev.descent.examples.cli;

import dev.descent.examples.dashboard.DashboardServer;
import dev.descent.examples.dashboard.RunView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent dashboard}: finished runs side by side in the browser, from their files. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Serve a local web page with the curves of finished runs side by side, the confusion matrix and the most",
            "confidently wrong test images of the selected run's model, and a canvas to draw a digit on. Ctrl-C stops it.",
            "(For a run being trained: ./descent train ... --dashboard.)"})
final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = Options.DASHBOARD_PORT, description = "port (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Mixin
    Options.Host host;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run directories of train")
    List<Path> dirs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<RunView> runs = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                runs.add(RunView.finished(dir));
            }
        } catch (IOException | RuntimeException e) {
            runs.forEach(RunView::close);
            throw e;
        }
        try (DashboardServer server = Options.startDashboard(host.host, port, runs)) {
            new CountDownLatch(1).await(); // until Ctrl-C
        }
        return 0;
    }
}
