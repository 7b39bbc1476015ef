package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/**
 * The class generated for a small annotated interface, against a checked-in copy
 * ({@code src/test/resources/golden/TinyNet.java}). Compared as syntax trees, so formatting does not matter but
 * every member, statement and constant does; when the generator changes on purpose, regenerate the copy and
 * review the difference.
 */
class GoldenSourceTest {
    static final String[] TINY = {
        "package dev.castnet.golden;",
        "import dev.castnet.annotations.*;",
        "import dev.castnet.runtime.DenseLayer;",
        "@Network(input = 2, loss = Loss.CROSS_ENTROPY,",
        "         optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 0.01), clip = @Clip(norm = 1), l2 = 1e-4)",
        "public interface Tiny {",
        "    @Dense(units = 3, activation = Activation.TANH) @BatchNorm @Dropout(0.1)",
        "    DenseLayer hidden();",
        "    @Dense(units = 2, activation = Activation.SOFTMAX)",
        "    DenseLayer output();",
        "}"
    };

    @Test
    void tinyInterfaceGeneratesTheGoldenSource() {
        Compilation compilation = javac().withProcessors(new CastnetProcessor())
                .compile(JavaFileObjects.forSourceLines("dev.castnet.golden.Tiny", TINY));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.golden.TinyNet")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/TinyNet.java"));
    }
}
