package dev.descent.examples;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a command writes when no {@code --out} is given: {@code runs/<command>-<timestamp>}. */
public final class Runs {
    private Runs() {}

    public static Path defaultOut(String command) {
        return Path.of("runs", command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public static Path out(Config config, String command) {
        return config.has("out") ? Path.of(config.string("out")) : defaultOut(command);
    }
}
