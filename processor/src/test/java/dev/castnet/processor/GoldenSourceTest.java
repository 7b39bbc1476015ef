package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The class generated for a small annotated interface, against a checked-in copy
 * ({@code src/test/resources/golden/TinyNet.java}). Compared as syntax trees, so formatting does not matter but
 * every member, statement and constant does. When the generator changes on purpose, regenerate the copy with
 * {@code mvn -pl processor -am test -Dtest=GoldenSourceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcastnet.regenerateGolden=true} and review the difference in version control.
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
    void tinyInterfaceGeneratesTheGoldenSource() throws IOException {
        Compilation compilation = javac().withProcessors(new CastnetProcessor())
                .compile(JavaFileObjects.forSourceLines("dev.castnet.golden.Tiny", TINY));
        assertThat(compilation).succeededWithoutWarnings();
        if (Boolean.getBoolean("castnet.regenerateGolden")) {
            String root = System.getProperty("castnet.root", ".");
            Path golden = Path.of(root, "processor", "src", "test", "resources", "golden", "TinyNet.java");
            Files.writeString(golden, compilation.generatedSourceFile("dev.castnet.golden.TinyNet").orElseThrow()
                    .getCharContent(true));
            return;
        }
        assertThat(compilation).generatedSourceFile("dev.castnet.golden.TinyNet")
                .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/TinyNet.java"));
    }
}
