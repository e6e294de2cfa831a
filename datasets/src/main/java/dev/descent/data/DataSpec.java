package dev.descent.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What a user says about data whose files do not say it all: the image shape (a CSV row is only a list
 * of values), the number of classes and their names. Each part may be absent: {@code imageShape} null
 * (IDX headers carry it; a CSV's width gives it when square), {@code classes} 0 and {@code classNames}
 * null (then the classes are 0..K-1 with K = the largest label seen + 1, named by their numbers).
 */
public record DataSpec(ImageShape imageShape, int classes, List<String> classNames) {
    /** Nothing given: everything from the data. */
    public static final DataSpec NONE = new DataSpec(null, 0, null);
    /** The largest label an unsigned byte holds, the bound when nothing else is known. */
    static final int MAX_CLASSES = 256;

    public DataSpec {
        if (classes < 0 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("classes = " + classes + " is outside 1-" + MAX_CLASSES);
        }
        if (classNames != null) {
            classNames = List.copyOf(classNames);
            if (classes > 0 && classes != classNames.size()) {
                throw new IllegalArgumentException("classes = " + classes + " but the class names are " + classNames.size());
            }
        }
    }

    /** The given class names, for data that comes with its own (the digits, Fashion-MNIST's clothes). */
    public static DataSpec named(List<String> classNames) {
        return new DataSpec(null, 0, classNames);
    }

    /** Labels must be below this: the classes given, else the names' count, else 256. */
    int labelLimit() {
        return classes > 0 ? classes : classNames != null ? classNames.size() : MAX_CLASSES;
    }

    /** Why a label is out of range, for messages: {@code " (classes = 26)"}, {@code " (26 class names)"}, or empty. */
    String limitSource() {
        return classes > 0 ? " (classes = " + classes + ")" : classNames != null
                ? " (" + classNames.size() + " class names)" : "";
    }

    /** The class names of data whose largest label is {@code maxLabel}. */
    List<String> classNames(int maxLabel) {
        if (classNames != null) {
            return classNames;
        }
        int k = classes > 0 ? classes : maxLabel + 1;
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
