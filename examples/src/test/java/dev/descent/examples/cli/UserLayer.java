package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A user layer with a parameter, {@code org.example.Scale} (y = g·x per feature), compiled outside the tree as a user would. */
final class UserLayer {
    private UserLayer() {}

    /** Writes the source under {@code dir/src}, compiles it against Descent's class path, returns the classes directory. */
    static Path compile(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/org/example"));
        Files.writeString(src.resolve("Scale.java"), String.join("\n",
                "package org.example;",
                "import ai.djl.ndarray.NDArray;",
                "import ai.djl.ndarray.types.Shape;",
                "import dev.descent.core.Layer;",
                "import dev.descent.core.LayerContext;",
                "import dev.descent.core.Parameter;",
                "import java.util.List;",
                "/** y = g·x per feature; no toString, no name(). */",
                "public class Scale implements Layer {",
                "    private Parameter g;",
                "    private NDArray x;",
                "    public Shape build(Shape input, LayerContext c) {",
                "        g = c.constant(\"g\", input, 1.0);",
                "        return input;",
                "    }",
                "    public NDArray forward(NDArray x, boolean training) { this.x = x; return x.mul(g.value()); }",
                "    public NDArray backward(NDArray dout) {",
                "        g.setGrad(dout.mul(x).sum(new int[] {0}));",
                "        return dout.mul(g.value());",
                "    }",
                "    public List<Parameter> parameters() { return List.of(g); }",
                "}"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Scale.java").toString()), "the user layer compiles against Descent's jars");
        return classes;
    }
}
