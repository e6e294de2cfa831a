package dev.descent.core;

import java.util.List;
import java.util.Map;

/**
 * A factory of spec items — a {@link Layers.LayerProvider layer} or a {@link Losses.LossProvider loss} — that may declare
 * config keys of its own. A provider with keys implements {@link #create(List, Map)} and has {@link #create(List)} call it
 * with no keys (the defaults).
 */
public interface SpecProvider<T> extends Registry.Provider<List<String>, T> {

    /** The keys it takes besides its {@code :} arguments, with defaults and ranges; none by default. */
    default List<KeySpec> keys() {
        return List.of();
    }

    /** The item made from its {@code :} arguments and the values given for its {@link #keys()} (only those; absent: default). */
    default T create(List<String> arguments, Map<String, String> keys) {
        return create(arguments);
    }
}
