package dev.descent.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user's optimizer written without try-with-resources ({@link com.example.NaiveAdamax}) does not
 * leak: 1000 updates of 784-100-10, each process on its own, keep the network's live arrays flat and
 * the peak RSS within 10% of the built-in Adam's. Without the step's scope the naive Adamax leaves
 * about eight arrays per parameter per update in the network's manager, four of them 784×100
 * (≈ 1.2 GB over 1000 updates).
 */
class UserOptimizerMemoryTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Probe(List<Integer> live, long peakMegabytes) {}

    private static Probe probe(String optimizer) throws Exception {
        Process p = new ProcessBuilder(JAVA, "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OptimizerMemoryProbe.class.getName(), optimizer, "1000").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("live ")).findFirst().orElseThrow(() -> new AssertionError(out));
        String[] words = line.split(" ");
        List<Integer> live = Arrays.stream(words, 1, words.length - 2).map(Integer::valueOf).toList();
        return new Probe(live, Long.parseLong(words[words.length - 1]));
    }

    @Test
    void aNaiveUserOptimizerUsesNoMoreMemoryThanAdam() throws Exception {
        Probe adam = probe("adam");
        Probe naive = probe("com.example.NaiveAdamax");
        assertEquals(10, naive.live().size(), naive.toString());
        assertTrue(naive.live().stream().allMatch(n -> n.equals(naive.live().get(0))), "live arrays every 100 updates: " + naive.live());
        assertEquals(adam.live(), naive.live(), "the same slots and parameters, nothing else");
        assertTrue(adam.peakMegabytes() > 0, "needs /proc");
        assertTrue(Math.abs(naive.peakMegabytes() - adam.peakMegabytes()) <= 0.1 * adam.peakMegabytes(),
                "peak RSS: naive Adamax " + naive.peakMegabytes() + " MB, Adam " + adam.peakMegabytes() + " MB");
    }
}
