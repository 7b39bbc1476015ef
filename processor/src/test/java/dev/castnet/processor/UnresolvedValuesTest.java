package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Annotation values naming constants javac cannot resolve yet: waited for, never a castnet crash report. */
class UnresolvedValuesTest {

    /** Generates {@code dev.castnet.test.Sizes} in the first round, as another processor of a build might. */
    static final class SizesProcessor extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (done) return false;
            done = true;
            try (Writer w = processingEnv.getFiler().createSourceFile("dev.castnet.test.Sizes").openWriter()) {
                w.write("package dev.castnet.test; public final class Sizes { public static final int UNITS = 2; }");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }
    }

    private static final String[] USES_SIZES = {
        "package dev.castnet.test;",
        "import dev.castnet.annotations.*; import dev.castnet.runtime.DenseLayer;",
        "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
        "public interface UsesSizes {",
        "    @Dense(units = Sizes.UNITS, activation = Activation.SOFTMAX) DenseLayer output();",
        "}"
    };

    @Test
    void constantGeneratedInALaterRoundIsWaitedFor() {
        Compilation compilation = javac().withProcessors(new CastnetProcessor(), new SizesProcessor())
                .compile(JavaFileObjects.forSourceLines("dev.castnet.test.UsesSizes", USES_SIZES));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.UsesSizesNet");
    }

    @Test
    void errorsBeforeAnUnresolvedValueAreReportedOnce() {
        JavaFileObject src = JavaFileObjects.forSourceLines("dev.castnet.test.ErroneousHalfway",
                "package dev.castnet.test;",
                "import dev.castnet.annotations.*; import dev.castnet.runtime.DenseLayer;",
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousHalfway {",
                "    @Dense(units = 8, activation = Activation.RELU, alpha = 0.3) DenseLayer hidden();",
                "    @Dense(units = Sizes.UNITS, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        Compilation compilation = javac().withProcessors(new CastnetProcessor(), new SizesProcessor()).compile(src);
        assertThat(compilation).hadErrorContaining("alpha applies only to LEAKY_RELU and ELU, not RELU")
                .inFile(src).onLineContaining("alpha = 0.3");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void constantThatNeverResolvesLeavesTheErrorToJavac() {
        JavaFileObject src = JavaFileObjects.forSourceLines("dev.castnet.test.ErroneousUnresolved", USES_SIZES[0],
                USES_SIZES[1], USES_SIZES[2], "public interface ErroneousUnresolved {", USES_SIZES[4], USES_SIZES[5]);
        Compilation compilation = javac().withProcessors(new CastnetProcessor()).compile(src);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("Sizes.UNITS");
        assertThat(compilation).hadErrorCount(1);
    }
}
