package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Errors only annotations can cause, each reported on the element or attribute an IDE should underline. */
class AnnotationErrorsTest {

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new CastnetProcessor()).compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("dev.castnet.test." + name, lines);
    }

    private static final String IMPORTS = "import dev.castnet.annotations.*; import dev.castnet.runtime.DenseLayer;";
    /** A @Network with every required attribute, left open for more. */
    private static final String NETWORK =
            "@Network(input = 2, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD)";

    @Test
    void networkOnAClass() {
        JavaFileObject src = source("ErroneousClassNetwork",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public abstract class ErroneousClassNetwork {",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("@Network must annotate an interface, not class ErroneousClassNetwork")
                .inFile(src).onLineContaining("@Network");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void genericInterface() {
        JavaFileObject src = source("ErroneousGeneric",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousGeneric<T> {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("@Network interface ErroneousGeneric must not have type parameters")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void privateNestedInterface() {
        JavaFileObject src = source("ErroneousPrivate",
                "package dev.castnet.test;",
                IMPORTS,
                "public class ErroneousPrivate {",
                "    " + NETWORK + ")",
                "    private interface Hidden {",
                "        @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "    }",
                "}");
        assertThat(compile(src)).hadErrorContaining("@Network interface Hidden must not be private")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void interfaceWithoutLayers() {
        JavaFileObject src = source("ErroneousEmpty",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousEmpty {",
                "}");
        assertThat(compile(src)).hadErrorContaining("@Network interface ErroneousEmpty declares no layers")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void inheritedAbstractMethod() {
        JavaFileObject src = source("ErroneousInherits",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousInherits extends Runnable {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "@Network interface ErroneousInherits must not extend other interfaces with abstract methods "
                                + "(java.lang.Runnable.run())")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void inputMissing() {
        JavaFileObject src = source("ErroneousNoInput",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousNoInput {",
                "    @Dense(units = 1) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("give the input size: input = N, or height, width and channels")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void bothInputForms() {
        JavaFileObject src = source("ErroneousBothInputs",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ", height = 2, width = 2, channels = 1)",
                "public interface ErroneousBothInputs {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("give either input = N or height/width/channels, not both")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void incompleteImage() {
        JavaFileObject src = source("ErroneousImage",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 28, width = 28, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousImage {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "an image input needs height, width and channels, each at least 1; got 28x28x0")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void batchNormWithoutDense() {
        JavaFileObject src = source("ErroneousBatchNormAlone",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousBatchNormAlone {",
                "    @BatchNorm",
                "    DenseLayer normalized();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("@BatchNorm on normalized() needs @Dense on the same method")
                .inFile(src).onLineContaining("@BatchNorm");
    }

    @Test
    void dropoutWithoutDense() {
        JavaFileObject src = source("ErroneousDropoutAlone",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousDropoutAlone {",
                "    @Dropout(0.5)",
                "    DenseLayer dropped();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("@Dropout on dropped() needs @Dense on the same method")
                .inFile(src).onLineContaining("@Dropout(0.5)");
    }

    @Test
    void abstractMethodWithoutLayer() {
        JavaFileObject src = source("ErroneousPlainMethod",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousPlainMethod {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "    DenseLayer extra();",
                "}");
        assertThat(compile(src)).hadErrorContaining("method extra() of a @Network interface must be a layer annotated "
                        + "with @Dense, or a default or static method")
                .inFile(src).onLineContaining("extra()");
    }

    @Test
    void layerMethodWithParameters() {
        JavaFileObject src = source("ErroneousMethodShape",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousMethodShape {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX)",
                "    DenseLayer output(int i);",
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "layer method output must be abstract, take no parameters and return dev.castnet.runtime.DenseLayer")
                .inFile(src).onLineContaining("output(int i)");
    }

    @Test
    void layerMethodWithWrongReturnType() {
        JavaFileObject src = source("ErroneousReturnType",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousReturnType {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX)",
                "    Object output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("layer method output must be abstract, take no parameters")
                .inFile(src).onLineContaining("Object output()");
    }

    @Test
    void layerOnDefaultMethod() {
        JavaFileObject src = source("ErroneousDefaultLayer",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousDefaultLayer {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "    @Dense(units = 2)",
                "    default DenseLayer extra() { return output(); }",
                "}");
        assertThat(compile(src)).hadErrorContaining("layer method extra must be abstract")
                .inFile(src).onLineContaining("default DenseLayer extra()");
    }

    @Test
    void layerNamedLikeTrainableNetworkMethod() {
        JavaFileObject src = source("ErroneousClash",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousClash {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX)",
                "    DenseLayer parameters();",
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "layer method parameters() clashes with TrainableNetwork.parameters() of the generated class")
                .inFile(src).onLineContaining("DenseLayer parameters()");
    }

    @Test
    void clipWithNormAndValue() {
        JavaFileObject src = source("ErroneousClip",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ",",
                "         clip = @Clip(norm = 1, value = 1))",
                "public interface ErroneousClip {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("give @Clip(norm = A) or @Clip(value = A), not both")
                .inFile(src).onLineContaining("@Clip(norm = 1, value = 1)");
    }

    @Test
    void alphaOnAnActivationWithoutOne() {
        JavaFileObject src = source("ErroneousAlpha",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousAlpha {",
                "    @Dense(units = 4, activation = Activation.RELU,",
                "           alpha = 0.2)",
                "    DenseLayer hidden();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("alpha applies only to LEAKY_RELU and ELU, not RELU")
                .inFile(src).onLineContaining("alpha = 0.2");
    }

    @Test
    void notANumber() {
        JavaFileObject src = source("ErroneousNaN",
                "package dev.castnet.test;",
                IMPORTS,
                NETWORK + ")",
                "public interface ErroneousNaN {",
                "    @Dense(units = 4, activation = Activation.RELU)",
                "    @Dropout(Double.NaN)",
                "    DenseLayer hidden();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("dropout probability must be a finite number, got NaN")
                .inFile(src).onLineContaining("@Dropout(Double.NaN)");
    }

    @Test
    void infiniteOptimizerHyperparameter() {
        JavaFileObject src = source("ErroneousInfiniteLr",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 2, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.ADAM,",
                "                                lr = Double.POSITIVE_INFINITY))",
                "public interface ErroneousInfiniteLr {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("optimizer lr must be a finite number, got Infinity")
                .inFile(src).onLineContaining("lr = Double.POSITIVE_INFINITY");
    }

    @Test
    void layerAnnotationOutsideANetwork() {
        JavaFileObject src = source("ErroneousStrayDense",
                "package dev.castnet.test;",
                IMPORTS,
                "public interface ErroneousStrayDense {",
                "    @Dense(units = 2)",
                "    DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "@Dense on output() is only meaningful in an interface annotated with @Network")
                .inFile(src).onLineContaining("@Dense(units = 2)");
    }
}
