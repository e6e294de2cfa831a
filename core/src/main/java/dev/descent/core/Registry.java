package dev.descent.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Names to implementations, for one extension point (layers, optimizers, ...). A name resolves to,
 * in order: a built-in; a {@link ServiceLoader} provider of {@code providerType} with that name;
 * or, when it contains a dot, a fully-qualified class name — either of a provider, or of the
 * implementation itself with a public constructor taking the arguments (or none).
 *
 * @param <A> the arguments one creation takes (positional strings for layers, a key-value map for optimizers)
 * @param <T> what is created
 */
public final class Registry<A, T> {

    /** A named factory, the unit that users register through {@code META-INF/services}. */
    public interface Provider<A, T> {
        String name();

        T create(A arguments);
    }

    private final String kind;
    private final Class<T> type;
    private final Class<A> argumentType;
    private final Class<? extends Provider<A, T>> providerType;
    private final Map<String, Function<A, T>> builtins = new LinkedHashMap<>();

    public Registry(String kind, Class<T> type, Class<A> argumentType, Class<? extends Provider<A, T>> providerType) {
        this.kind = kind;
        this.type = type;
        this.argumentType = argumentType;
        this.providerType = providerType;
    }

    public Registry<A, T> register(String name, Function<A, T> factory) {
        builtins.put(name, factory);
        return this;
    }

    /** Built-in names first, then those found through ServiceLoader. */
    public List<String> names() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        builtins.keySet().forEach(n -> names.put(n, true));
        new TreeMap<>(providers()).keySet().forEach(n -> names.put(n, true));
        return List.copyOf(names.keySet());
    }

    public boolean contains(String name) {
        return builtins.containsKey(name) || providers().containsKey(name);
    }

    public T create(String name, A arguments) {
        Function<A, T> builtin = builtins.get(name);
        if (builtin != null) {
            return builtin.apply(arguments);
        }
        Provider<A, T> provider = providers().get(name);
        if (provider != null) {
            return provider.create(arguments);
        }
        if (name.contains(".")) {
            return fromClassName(name, arguments);
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; valid: " + String.join(", ", names())
                + ", or a fully-qualified class name");
    }

    /**
     * The provider {@code name} resolves to — a ServiceLoader one, or a provider class by name — so that its own
     * declarations (keys) can be read; empty for a built-in, an implementation class, or a name that does not resolve
     * ({@link #create} says why).
     */
    @SuppressWarnings("unchecked")
    public Optional<Provider<A, T>> provider(String name) {
        if (builtins.containsKey(name)) {
            return Optional.empty();
        }
        Provider<A, T> provider = providers().get(name);
        if (provider != null || !name.contains(".")) {
            return Optional.ofNullable(provider);
        }
        try {
            Class<?> c = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            return providerType.isAssignableFrom(c) ? Optional.of((Provider<A, T>) c.getConstructor().newInstance()) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Where a class name was looked for, for messages: the user's entries that {@code ./descent} was given
     * ({@code --classpath}, {@code DESCENT_CLASSPATH}; it passes them as {@code descent.user.classpath}),
     * else the JVM's whole class path.
     */
    public static String searched() {
        String user = System.getProperty("descent.user.classpath");
        if (user == null) {
            return "looked in " + System.getProperty("java.class.path");
        }
        return user.isEmpty() ? "looked in Descent's own jars only; add yours with ./descent --classpath DIR:JAR or DESCENT_CLASSPATH"
                : "looked in Descent's jars and " + user;
    }

    private Map<String, Provider<A, T>> providers() {
        Map<String, Provider<A, T>> found = new LinkedHashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Provider<A, T> p : ServiceLoader.load(providerType, loader)) {
            found.putIfAbsent(p.name(), p);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private T fromClassName(String className, A arguments) {
        Class<?> c;
        try {
            c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown " + kind + " '" + className + "': no such class on the class path ("
                    + searched() + "); valid names: " + String.join(", ", names()));
        }
        try {
            if (providerType.isAssignableFrom(c)) {
                return ((Provider<A, T>) c.getConstructor().newInstance()).create(arguments);
            }
            if (!type.isAssignableFrom(c)) {
                throw new IllegalArgumentException(kind + " class " + className + " implements neither "
                        + type.getName() + " nor " + providerType.getName());
            }
            try {
                Constructor<?> withArgs = c.getConstructor(argumentType);
                return (T) withArgs.newInstance(arguments);
            } catch (NoSuchMethodException e) {
                return (T) c.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(kind + " class " + className + " needs a public constructor taking ("
                    + argumentType.getSimpleName() + ") or no arguments");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException(kind + " class " + className + " failed to construct: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(kind + " class " + className + " cannot be instantiated: " + e, e);
        }
    }
}
