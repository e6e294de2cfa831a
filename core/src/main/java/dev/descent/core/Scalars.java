package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Constants as 0-d arrays, made once per (value, type) and kept for the life of the process.
 *
 * <p>Why: DJL's {@code Number} overloads ({@code x.mul(0.1)}) make a fresh 0-d array from a
 * direct buffer on every call, which costs more than the arithmetic on a 100×100 batch. Hot paths
 * (losses, optimizer steps) write {@code x.mul(Scalars.of(0.1, x))} instead. A constant must be
 * the second operand, so that the result lands in the first operand's manager. A cached constant
 * is never registered in an {@link NDScope}, so one made inside a scope outlives it; an overflow
 * constant (past {@value #MAX_CACHED}) is made in {@code like}'s manager and in the current scope.
 */
public final class Scalars {
    private static final int MAX_CACHED = 4096;
    private static final Map<String, NDArray> CACHE = new ConcurrentHashMap<>();
    private static NDManager manager;

    private Scalars() {}

    /** {@code value} as a 0-d array of the same type as {@code like}. */
    public static NDArray of(double value, NDArray like) {
        DataType type = like.getDataType();
        String key = type + ":" + Double.doubleToLongBits(value);
        NDArray cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() >= MAX_CACHED) {
            return create(like.getManager(), value, type); // freed with the caller's arrays
        }
        return CACHE.computeIfAbsent(key, k -> {
            NDArray kept = create(manager(), value, type);
            NDScope.unregister(kept); // cached for the process: not closed with a caller's NDScope
            return kept;
        });
    }

    private static synchronized NDManager manager() {
        if (manager == null) {
            manager = Engines.newManager();
        }
        return manager;
    }

    private static NDArray create(NDManager m, double value, DataType type) {
        if (type == DataType.FLOAT64) {
            return m.create(value);
        }
        if (type == DataType.FLOAT32) {
            return m.create((float) value);
        }
        NDArray d = m.create(value);
        NDArray converted = d.toType(type, false);
        d.close();
        return converted;
    }
}
