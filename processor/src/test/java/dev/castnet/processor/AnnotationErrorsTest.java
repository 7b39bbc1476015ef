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

    private static final String IMPORTS = "import dev.castnet.annotations.*; import dev.castnet.runtime.*;";
    /** A @Network with every required attribute, left open for more. */
    private static final String NETWORK =
            "@Network(input = 2, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD)";
    /** The same on an 8x8 image. */
    private static final String IMAGE_NETWORK = "@Network(height = 8, width = 8, channels = 1, "
            + "loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))";
    /** The same on a sequence of 5 steps of 3 features. */
    private static final String SEQUENCE_NETWORK =
            "@Network(steps = 5, input = 3, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))";
    private static final String OUTPUT = "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();";

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
        assertThat(compile(src)).hadErrorContaining("give the input size: input = N; steps = T and input = F for a "
                        + "sequence; or height, width and channels for an image")
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
        assertThat(compile(src)).hadErrorContaining("give one input form, not several: input = N; steps = T and input = F "
                        + "for a sequence; or height, width and channels for an image")
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
        assertThat(compile(src)).hadErrorContaining("@BatchNorm on normalized() needs a layer annotation on the same "
                        + "method (@Dense, @Conv2d, @Rnn, @Lstm or @Gru): each method is one layer block")
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
        assertThat(compile(src)).hadErrorContaining("@Dropout on dropped() needs a layer annotation on the same method")
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
                        + "with @Dense, @Conv2d, @Rnn, @Lstm or @Gru, or a default or static method")
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
        assertThat(compile(src)).hadErrorContaining("@Dense method output() must return dev.castnet.runtime.DenseLayer, "
                        + "the live view of its block, not java.lang.Object")
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
    void layerNamedLikeAMethodTheGeneratedClassDeclaresOrCalls() {
        for (String name : new String[] {"max", "update"}) {
            JavaFileObject src = source("ErroneousGeneratedName",
                    "package dev.castnet.test;",
                    IMPORTS,
                    NETWORK + ")",
                    "public interface ErroneousGeneratedName {",
                    "    @Dense(units = 4, activation = Activation.RELU)",
                    "    DenseLayer " + name + "();",
                    OUTPUT,
                    "}");
            assertThat(compile(src)).hadErrorContaining("layer method " + name
                            + "() clashes with a method the generated class declares or calls; rename it")
                    .inFile(src).onLineContaining("DenseLayer " + name + "()");
        }
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

    // ---------------------------------------------------------------- conv and recurrent blocks

    @Test
    void twoLayerAnnotationsOnOneMethod() {
        JavaFileObject src = source("ErroneousTwoLayers",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousTwoLayers {",
                "    @Dense(units = 4)",
                "    @Conv2d(filters = 2, kernel = 3)",
                "    ConvLayer both();",
                OUTPUT,
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("both() has both @Dense and @Conv2d; a method is one layer block "
                        + "with one layer annotation: declare another method for the second layer")
                .inFile(src).onLineContaining("@Conv2d(filters = 2, kernel = 3)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void poolingWithoutALayer() {
        JavaFileObject src = source("ErroneousPoolAlone",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousPoolAlone {",
                "    @MaxPool(2)",
                "    ConvLayer pooled();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "@MaxPool on pooled() needs @Conv2d on the same method: pooling ends a conv block")
                .inFile(src).onLineContaining("@MaxPool(2)");
    }

    @Test
    void poolingOnADenseBlock() {
        JavaFileObject src = source("ErroneousPoolDense",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousPoolDense {",
                "    @Dense(units = 4, activation = Activation.RELU)",
                "    @AvgPool(2)",
                "    DenseLayer hidden();",
                OUTPUT,
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining(
                        "@AvgPool on hidden() needs @Conv2d on the same method, not @Dense: pooling ends a conv block")
                .inFile(src).onLineContaining("@AvgPool(2)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void globalPoolingOnARecurrentBlock() {
        JavaFileObject src = source("ErroneousPoolLstm",
                "package dev.castnet.test;",
                IMPORTS,
                SEQUENCE_NETWORK,
                "public interface ErroneousPoolLstm {",
                "    @Lstm(units = 4)",
                "    @GlobalAvgPool",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("@GlobalAvgPool on rows() needs @Conv2d on the same method, not "
                        + "@Lstm")
                .inFile(src).onLineContaining("@GlobalAvgPool");
    }

    @Test
    void twoPoolings() {
        JavaFileObject src = source("ErroneousTwoPools",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousTwoPools {",
                "    @Conv2d(filters = 2, kernel = 3, activation = Activation.RELU)",
                "    @MaxPool(2)",
                "    @GlobalAvgPool",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("conv() has both @MaxPool and @GlobalAvgPool; a conv block pools at "
                        + "most once: move one to another @Conv2d method")
                .inFile(src).onLineContaining("@GlobalAvgPool");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void convMethodReturningTheDenseView() {
        JavaFileObject src = source("ErroneousConvReturn",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousConvReturn {",
                "    @Conv2d(filters = 2, kernel = 3)",
                "    DenseLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("@Conv2d method conv() must return dev.castnet.runtime.ConvLayer, "
                        + "the live view of its block, not dev.castnet.runtime.DenseLayer")
                .inFile(src).onLineContaining("DenseLayer conv()");
    }

    @Test
    void recurrentMethodReturningTheConvView() {
        JavaFileObject src = source("ErroneousGruReturn",
                "package dev.castnet.test;",
                IMPORTS,
                SEQUENCE_NETWORK,
                "public interface ErroneousGruReturn {",
                "    @Gru(units = 4)",
                "    ConvLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("@Gru method rows() must return "
                        + "dev.castnet.runtime.RecurrentLayer, the live view of its block, not dev.castnet.runtime.ConvLayer")
                .inFile(src).onLineContaining("ConvLayer rows()");
    }

    @Test
    void recurrentLayerOnADefaultMethod() {
        JavaFileObject src = source("ErroneousDefaultLstm",
                "package dev.castnet.test;",
                IMPORTS,
                SEQUENCE_NETWORK,
                "public interface ErroneousDefaultLstm {",
                "    @Lstm(units = 4)",
                "    default RecurrentLayer rows() { return null; }",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("layer method rows must be abstract, take no parameters and return "
                        + "dev.castnet.runtime.RecurrentLayer")
                .inFile(src).onLineContaining("default RecurrentLayer rows()");
    }

    @Test
    void convWithoutKernel() {
        JavaFileObject src = source("ErroneousNoKernel",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousNoKernel {",
                "    @Conv2d(filters = 4)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("@Conv2d on conv() needs a kernel: kernel = K for K x K, or "
                        + "kernelHeight and kernelWidth")
                .inFile(src).onLineContaining("@Conv2d(filters = 4)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void convWithBothKernelForms() {
        JavaFileObject src = source("ErroneousKernelForms",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousKernelForms {",
                "    @Conv2d(filters = 4, kernel = 3,",
                "            kernelHeight = 3, kernelWidth = 3)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("give @Conv2d kernel = K, or kernelHeight and kernelWidth, not both")
                .inFile(src).onLineContaining("kernelHeight = 3");
    }

    @Test
    void convWithHalfARectangularKernel() {
        JavaFileObject src = source("ErroneousKernelHalf",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousKernelHalf {",
                "    @Conv2d(filters = 4,",
                "            kernelWidth = 5)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining(
                        "@Conv2d kernelWidth needs kernelHeight too, or kernel = K alone for a square kernel")
                .inFile(src).onLineContaining("kernelWidth = 5");
    }

    @Test
    void sequenceWithoutFeatures() {
        JavaFileObject src = source("ErroneousSequence",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 28, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousSequence {",
                "    @Lstm(units = 4) RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("a sequence input needs steps and input (features per step), each "
                        + "at least 1; got steps = 28, input = 0")
                .inFile(src).onLineContaining("@Network(steps = 28");
    }

    @Test
    void sequenceAndImage() {
        JavaFileObject src = source("ErroneousSequenceImage",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 28, height = 28, width = 28, channels = 1,",
                "         loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousSequenceImage {",
                "    @Lstm(units = 4) RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("give one input form, not several")
                .inFile(src).onLineContaining("@Network(steps = 28");
    }

    @Test
    void argumentsForTheDefaultInitializer() {
        JavaFileObject src = source("ErroneousDefaultInitArgs",
                "package dev.castnet.test;",
                IMPORTS,
                SEQUENCE_NETWORK,
                "public interface ErroneousDefaultInitArgs {",
                "    @Rnn(units = 4,",
                "         recurrentInit = @Init(value = InitKind.DEFAULT, args = 2))",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("@Init(InitKind.DEFAULT) takes no args: the default initializer is "
                        + "chosen by the layer")
                .inFile(src).onLineContaining("recurrentInit = @Init(value = InitKind.DEFAULT, args = 2)");
    }

    @Test
    void alphaOnAConvActivationWithoutOne() {
        JavaFileObject src = source("ErroneousConvAlpha",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE_NETWORK,
                "public interface ErroneousConvAlpha {",
                "    @Conv2d(filters = 4, kernel = 3, activation = Activation.TANH,",
                "            alpha = 0.1)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("alpha applies only to LEAKY_RELU and ELU, not TANH")
                .inFile(src).onLineContaining("alpha = 0.1");
    }

    @Test
    void forgetBiasNotANumber() {
        JavaFileObject src = source("ErroneousForgetBias",
                "package dev.castnet.test;",
                IMPORTS,
                SEQUENCE_NETWORK,
                "public interface ErroneousForgetBias {",
                "    @Lstm(units = 4,",
                "          forgetBias = Double.NaN)",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("lstm forgetBias must be a finite number, got NaN")
                .inFile(src).onLineContaining("forgetBias = Double.NaN");
    }

    @Test
    void poolingOutsideANetwork() {
        JavaFileObject src = source("ErroneousStrayPool",
                "package dev.castnet.test;",
                IMPORTS,
                "public interface ErroneousStrayPool {",
                "    @Conv2d(filters = 2, kernel = 3)",
                "    @MaxPool(2)",
                "    ConvLayer conv();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining(
                        "@MaxPool on conv() is only meaningful in an interface annotated with @Network")
                .inFile(src).onLineContaining("@MaxPool(2)");
        assertThat(compilation).hadErrorContaining(
                        "@Conv2d on conv() is only meaningful in an interface annotated with @Network")
                .inFile(src).onLineContaining("@Conv2d(filters = 2, kernel = 3)");
    }
}
