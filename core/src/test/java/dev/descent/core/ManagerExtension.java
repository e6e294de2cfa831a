package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests their {@link NDManager}s: any {@code NDManager} parameter of a test, {@code @BeforeEach} or
 * {@code @BeforeAll} method is a new top-level manager on the started engine, closed after that test (or,
 * asked for in {@code @BeforeAll}, after the class's last test). Use it with
 * {@code @ExtendWith(ManagerExtension.class)} instead of a field opened and closed by hand.
 *
 * <p>After each test it also fails the test if arrays made during it are still alive outside the managers
 * it closes and outside class-wide ones: a {@code Network} or manager the test forgot to close. Scalars
 * (0-d arrays) are not counted, because {@link Scalars} caches its constants for the whole process.
 */
public final class ManagerExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ManagerExtension.class);
    private static final String BEFORE = "arrays alive before the test";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NDManager.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        NDManager manager = Engines.newManager();
        opened(context).add(manager);
        return manager;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(BEFORE, uids(liveArrays()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll(context);
        @SuppressWarnings("unchecked")
        Set<String> before = context.getStore(NAMESPACE).get(BEFORE, Set.class);
        List<NDManager> classWide = new ArrayList<>();
        for (ExtensionContext c = context.getParent().orElse(null); c != null; c = c.getParent().orElse(null)) {
            classWide.addAll(opened(c));
        }
        List<NDArray> leaked = liveArrays().stream()
                .filter(a -> !before.contains(a.getUid()) && a.getShape().dimension() > 0 && !under(a.getManager(), classWide))
                .toList();
        if (!leaked.isEmpty()) {
            throw new AssertionError(leaked.size() + " array(s) made by the test are still alive; close every Network and "
                    + "manager it opens (shapes: " + leaked.stream().limit(5).map(a -> a.getShape() + " " + a.getDataType())
                    .collect(Collectors.joining(", ")) + (leaked.size() > 5 ? ", ..." : "") + ")");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll(context);
    }

    /** The managers this extension handed out in exactly this context (not its parents'). */
    @SuppressWarnings("unchecked")
    private static List<NDManager> opened(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), k -> new ArrayList<NDManager>(), List.class);
    }

    private static void closeAll(ExtensionContext context) {
        List<NDManager> managers = opened(context);
        managers.forEach(NDManager::close);
        managers.clear();
    }

    private static boolean under(NDManager manager, List<NDManager> roots) {
        for (NDManager m = manager; m != null; m = m.getParentManager()) {
            for (NDManager root : roots) {
                if (m == root) {
                    return true;
                }
            }
            if (m.getParentManager() == m) {
                return false;
            }
        }
        return false;
    }

    /** Every array alive on the engine: those of every top-level manager, found through their common parent. */
    private static List<NDArray> liveArrays() {
        NDManager probe = Engines.newManager();
        NDManager system = probe.getParentManager();
        probe.close();
        return system.getManagedArrays();
    }

    private static Set<String> uids(List<NDArray> arrays) {
        Set<String> uids = new HashSet<>();
        arrays.forEach(a -> uids.add(a.getUid()));
        return uids;
    }
}
