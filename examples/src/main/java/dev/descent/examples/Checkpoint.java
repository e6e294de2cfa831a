package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.optim.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code checkpoint.npz}: everything a run needs to resume exactly — the network's parameters and
 * buffers, the optimizer's state ({@code optimizer/...}) and the counters — in one file written to a
 * temporary name and renamed, so a crash leaves either the previous checkpoint or the new one.
 * ({@code model.npz}, written beside it, holds the network alone, for {@code evaluate} and numpy.)
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.npz";

    /** Where a resumed run starts: after {@code epoch} epochs and {@code iteration} updates. */
    public record Position(long epoch, long iteration) {}

    private Checkpoint() {}

    public static void save(Path dir, Network network, Optimizer optimizer, Position position) throws IOException {
        try (NDManager sub = network.manager().newSubManager()) {
            NDList list = ModelFile.namedArrays(network);
            for (Map.Entry<String, NDArray> e : optimizer.exportState().entrySet()) {
                list.add(named(e.getValue(), "optimizer/" + e.getKey()));
            }
            list.add(named(sub.create(new long[] {position.epoch(), position.iteration()}), "position"));
            Path tmp = dir.resolve(FILE + ".tmp"); // renamed into place once complete
            try (OutputStream out = Files.newOutputStream(tmp)) {
                list.encode(out, NDList.Encoding.NPZ);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Restores network and optimizer from {@code dir/checkpoint.npz} and returns the position. */
    public static Position load(Path dir, Network network, Optimizer optimizer) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new ConfigException("cannot resume: " + file + " does not exist (no epoch of that run finished)");
        }
        try (NDManager sub = network.manager().newSubManager(); InputStream in = Files.newInputStream(file)) {
            Map<String, NDArray> arrays = new HashMap<>();
            NDList list;
            try {
                list = NDList.decode(sub, in);
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a readable checkpoint (" + e.getMessage() + ")", e);
            }
            for (NDArray a : list) {
                arrays.put(a.getName(), a);
            }
            if (!arrays.containsKey("position")) {
                throw new IOException(file + ": not a Descent checkpoint (it has no 'position' array)");
            }
            Map<String, NDArray> optimizerState = new HashMap<>();
            arrays.forEach((k, v) -> {
                if (k.startsWith("optimizer/")) {
                    optimizerState.put(k.substring("optimizer/".length()), v);
                }
            });
            ModelFile.load(network, arrays, file.toString());
            optimizer.importState(optimizerState, network.manager());
            long[] position = arrays.get("position").toLongArray();
            return new Position(position[0], position[1]);
        }
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
