package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's parameters and buffers as a numpy {@code .npz}: a zip of {@code NAME.npy} entries, one per
 * array, named as the network names them ({@code 0.affine.W}, {@code 1.batchnorm.running_mean}); numpy's
 * {@code np.load} reads it. The architecture is not in the file: it loads into a network built the same way.
 */
public final class ModelFile {
    private static final NDIndex ALL = new NDIndex("...");

    private ModelFile() {}

    /** Every parameter, then every buffer, each array named by its parameter name (the arrays themselves, not copies). */
    public static NDList namedArrays(Network network) {
        NDList list = new NDList();
        for (Parameter p : parametersAndBuffers(network)) {
            p.value().setName(p.name());
            list.add(p.value());
        }
        return list;
    }

    /** Writes every parameter and buffer, by name, to {@code file} (atomically: see {@link AtomicFiles}). */
    public static void save(Network network, Path file) throws IOException {
        NDList arrays = namedArrays(network);
        AtomicFiles.write(file, out -> arrays.encode(out, NDList.Encoding.NPZ));
    }

    /** Reads parameters and buffers saved by {@link #save}; names and shapes must match, and errors name the file. */
    public static void load(Network network, Path file) throws IOException {
        try (NDManager sub = network.manager().newSubManager()) {
            load(network, read(file, sub, ".npz model file"), file.toString());
        }
    }

    /** Every array of an {@code .npz} file by name, in file order, made in {@code manager}; {@code what} names the file's kind in errors. */
    public static Map<String, NDArray> read(Path file, NDManager manager, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NDList list;
            try {
                list = NDList.decode(manager, in);
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a readable " + what + " (" + e.getMessage() + ")", e);
            }
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (NDArray a : list) {
                arrays.put(a.getName(), a);
            }
            return arrays;
        }
    }

    /** Copies arrays named as in {@link #namedArrays} into the network; {@code source} names them in errors. */
    public static void load(Network network, Map<String, NDArray> arrays, String source) throws IOException {
        for (Parameter p : parametersAndBuffers(network)) {
            NDArray a = arrays.get(p.name());
            if (a == null) {
                throw new IOException(source + ": has no array '" + p.name() + "'; was it saved from a different model?");
            }
            if (!a.getShape().equals(p.value().getShape())) {
                throw new IOException(source + ": array '" + p.name() + "' has shape " + a.getShape()
                        + " but this network expects " + p.value().getShape());
            }
            p.value().set(ALL, a.toType(network.dataType(), false)); // not copyTo: libtorch warns on it
        }
    }

    private static List<Parameter> parametersAndBuffers(Network network) {
        List<Parameter> all = network.parameters();
        all.addAll(network.buffers());
        return all;
    }
}
