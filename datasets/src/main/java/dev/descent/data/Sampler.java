package dev.descent.data;

import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * Which samples each update uses: an endless sequence of index arrays, epoch after epoch.
 *
 * <ul>
 *   <li>{@code samplesPerUpdate >= size} ({@code gd}): one update per epoch holding every index, in order;</li>
 *   <li>{@code samplesPerUpdate == 1} ({@code sgd}): one randomly drawn sample per update;</li>
 *   <li>otherwise (mini-batch): consecutive slices of the epoch's permutation; the last, shorter slice
 *       is kept, or dropped when {@code dropLast}.</li>
 * </ul>
 * Every epoch visits each sample exactly once (with {@code dropLast}, at most once).
 *
 * <p>The permutation of epoch e is a pure function of (seed, e): Fisher-Yates driven by
 * {@code new SplittableRandom(seed ^ mix(e))}. So {@link #batch(long, long)} needs no history, and a
 * run resumed with {@link #seek(long, long)} sees the very batches an uninterrupted run would.
 */
public final class Sampler implements Iterator<int[]> {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private final long iterationsPerEpoch;
    private long epoch;
    private long iteration;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    Sampler(int size, long samplesPerUpdate, long seed, boolean dropLast) {
        if (size <= 0) {
            throw new IllegalArgumentException("cannot sample from an empty data set");
        }
        if (samplesPerUpdate <= 0) {
            throw new IllegalArgumentException("samples per update must be positive, got " + samplesPerUpdate);
        }
        this.size = size;
        this.batchSize = (int) Math.min(samplesPerUpdate, size);
        this.seed = seed;
        this.dropLast = dropLast;
        this.iterationsPerEpoch = fullBatch() ? 1
                : dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    /** The permutation of {@code 0..n-1} used in {@code epoch}: a pure function of (seed, epoch). */
    public static int[] permutation(int n, long seed, long epoch) {
        return shuffle(identity(n), new SplittableRandom(seed ^ mix(epoch)));
    }

    /** Indices of the batch at ({@code epoch}, {@code iteration}); depends on nothing else. */
    public int[] batch(long epoch, long iteration) {
        if (epoch < 0 || iteration < 0 || iteration >= iterationsPerEpoch) {
            throw new IllegalArgumentException("no batch at epoch " + epoch + ", iteration " + iteration
                    + " (" + iterationsPerEpoch + " iterations per epoch)");
        }
        if (fullBatch()) {
            return identity(size);
        }
        if (epoch != cachedEpoch) {
            cachedPermutation = permutation(size, seed, epoch);
            cachedEpoch = epoch;
        }
        int from = (int) (iteration * batchSize);
        int to = Math.min(size, from + batchSize);
        int[] indices = new int[to - from];
        System.arraycopy(cachedPermutation, from, indices, 0, indices.length);
        return indices;
    }

    /** Moves to ({@code epoch}, {@code iteration}): the next {@link #next()} returns that batch. */
    public Sampler seek(long epoch, long iteration) {
        if (epoch < 0 || iteration < 0 || iteration >= iterationsPerEpoch) {
            throw new IllegalArgumentException("cannot start at epoch " + epoch + ", iteration " + iteration
                    + " (" + iterationsPerEpoch + " iterations per epoch)");
        }
        this.epoch = epoch;
        this.iteration = iteration;
        return this;
    }

    /** Always true: the sequence is endless; the training loop decides when to stop. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public int[] next() {
        int[] indices = batch(epoch, iteration);
        if (++iteration == iterationsPerEpoch) {
            iteration = 0;
            epoch++;
        }
        return indices;
    }

    /** Epoch of the batch {@link #next()} returns next. */
    public long epoch() {
        return epoch;
    }

    /** Iteration within {@link #epoch()} of the batch {@link #next()} returns next (0 = a new epoch begins). */
    public long iteration() {
        return iteration;
    }

    public long iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /** Samples in a full batch: {@code min(samplesPerUpdate, size)}. */
    public int batchSize() {
        return batchSize;
    }

    public int size() {
        return size;
    }

    /** True when each update takes the whole set ({@code gd}). */
    public boolean fullBatch() {
        return batchSize == size;
    }

    public boolean dropLast() {
        return dropLast;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static int[] shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Murmur3's 64-bit finalizer of e + the golden ratio: nearby epochs give unrelated seeds. */
    static long mix(long e) {
        long z = e + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
