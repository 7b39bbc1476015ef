package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Network} interfaces: they compile, and the language's validation errors land on the attribute that
 * caused them.
 */
class InterfaceNetworkTest {

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new CastnetProcessor()).compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("dev.castnet.test." + name, lines);
    }

    private static final String IMPORTS = "import dev.castnet.annotations.*; import dev.castnet.runtime.DenseLayer;";

    @Test
    void specExampleCompilesWithoutWarnings() {
        // SPEC §3's example as written
        JavaFileObject src = source("FashionMlp",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 784, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 1e-3),",
                "         clip = @Clip(norm = 5.0), l2 = 1e-4)",
                "public interface FashionMlp {",
                "    @Dense(units = 256, activation = Activation.RELU, init = @Init(InitKind.HE_UNIFORM))",
                "    @BatchNorm @Dropout(0.5)",
                "    DenseLayer hidden();",
                "",
                "    @Dense(units = 10, activation = Activation.SOFTMAX)",
                "    DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.FashionMlpNet");
    }

    @Test
    void imageInputAndEveryOption() {
        JavaFileObject src = source("Everything",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 8, width = 8, channels = 1, loss = Loss.BINARY_CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.ADAMW, lr = 0.01, beta1 = 0.8, beta2 = 0.99,",
                "                                eps = 1e-7, wd = 0.001),",
                "         clip = @Clip(value = 1), l1 = 1e-5, l2 = 1e-4, precision = Precision.DOUBLE,",
                "         train = @Train(epochs = 3, batch = 16, validation = 0.2, seed = 7, shuffle = false))",
                "public interface Everything {",
                "    @Dense(units = 16, activation = Activation.LEAKY_RELU, alpha = 0.1,",
                "           init = @Init(value = InitKind.UNIFORM, args = {-0.1, 0.1}), bias = false)",
                "    @BatchNorm(momentum = 0.2, eps = 1e-3, stats = BatchNormStats.POPULATION)",
                "    @Dropout(value = 0.25, mode = DropoutMode.SCALE_AT_TEST)",
                "    DenseLayer hidden();",
                "    @Dense(units = 1, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_NORMAL, args = 2))",
                "    DenseLayer output();",
                "    default int hiddenUnits() { return hidden().units(); }",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.EverythingNet");
    }

    @Test
    void interfaceAndTheSameNetworkAsASpecHaveOneFingerprint(@TempDir Path specDir) throws IOException {
        JavaFileObject src = source("Same",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.MOMENTUM, lr = 0.05, rho = 0.8),",
                "         clip = @Clip(value = 0.5), l2 = 1e-4, train = @Train(epochs = 20, seed = 3))",
                "public interface Same {",
                "    @Dense(units = 8, activation = Activation.ELU, alpha = 0.5,",
                "           init = @Init(value = InitKind.GAUSSIAN, args = {0, 0.1}))",
                "    @BatchNorm(stats = BatchNormStats.POPULATION) @Dropout(0.2)",
                "    DenseLayer hidden();",
                "    @Dense(units = 3, activation = Activation.SOFTMAX, bias = false)",
                "    DenseLayer output();",
                "}");
        Files.writeString(specDir.resolve("same.nn"), String.join("\n",
                "package dev.castnet.test;",
                "network Same {",
                "    input 4",
                "    dense 8 init=gaussian(0, 0.1)",
                "    batchnorm stats=population",
                "    elu alpha=0.5",
                "    dropout 0.2",
                "    dense 3 bias=false",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer momentum lr=0.05 rho=0.8",
                "    clip value 0.5",
                "    regularize l2 0.0001",
                "    train {",
                "        epochs 20",
                "        seed 3",
                "    }",
                "}"));
        Compilation fromInterface = compile(src);
        Compilation fromSpec = javac().withProcessors(new CastnetProcessor())
                .withOptions("-Acastnet.specdir=" + specDir)
                .compile(JavaFileObjects.forSourceLines("dev.castnet.test.package-info",
                        "@dev.castnet.annotations.NetworkSpec(\"same.nn\")",
                        "package dev.castnet.test;"));
        assertThat(fromInterface).succeededWithoutWarnings();
        assertThat(fromSpec).succeededWithoutWarnings();
        String a = fingerprint(fromInterface, "dev.castnet.test.SameNet");
        String b = fingerprint(fromSpec, "dev.castnet.test.Same");
        org.junit.jupiter.api.Assertions.assertEquals(b, a);
    }

    private static String fingerprint(Compilation compilation, String className) throws IOException {
        String text = compilation.generatedSourceFile(className).orElseThrow().getCharContent(true).toString();
        Matcher m = Pattern.compile("spec fingerprint ([0-9a-f]{64})").matcher(text);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "no fingerprint in the header of " + className);
        return m.group(1);
    }

    @Test
    void interfaceMayExtendTrainableNetwork() {
        JavaFileObject src = source("Trainable",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 3, loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.RMSPROP))",
                "public interface Trainable extends dev.castnet.runtime.TrainableNetwork {",
                "    @Dense(units = 2) DenseLayer output();",
                "    static Trainable create() { return new TrainableNet(8, 1L); }",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.TrainableNet");
    }

    @Test
    void nestedInterfaceGeneratesATopLevelClass() {
        JavaFileObject src = source("Outer",
                "package dev.castnet.test;",
                IMPORTS,
                "public class Outer {",
                "    @Network(input = 2, loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.SGD))",
                "    interface Regression {",
                "        @Dense(units = 1) DenseLayer output();",
                "    }",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.RegressionNet");
    }

    @Test
    void dropoutOutOfRange() {
        JavaFileObject src = source("ErroneousDropout",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousDropout {",
                "    @Dense(units = 8, activation = Activation.RELU)",
                "    @Dropout(1.5)",
                "    DenseLayer hidden();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("dropout probability must be in [0, 1), got 1.5")
                .inFile(src).onLineContaining("@Dropout(1.5)");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void zeroUnits() {
        JavaFileObject src = source("ErroneousUnits",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousUnits {",
                "    @Dense(units = 8, activation = Activation.RELU) DenseLayer hidden();",
                "    @Dense(activation = Activation.SOFTMAX,",
                "           units = 0)",
                "    DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("dense units must be >= 1, got 0")
                .inFile(src).onLineContaining("units = 0");
    }

    @Test
    void softmaxNotLast() {
        JavaFileObject src = source("ErroneousSoftmax",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousSoftmax {",
                "    @Dense(units = 8,",
                "           activation = Activation.SOFTMAX) // first",
                "    DenseLayer hidden();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("softmax must be the last layer")
                .inFile(src).onLineContaining("// first");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void crossEntropyWithoutSoftmax() {
        JavaFileObject src = source("ErroneousLoss",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4,",
                "         loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousLoss {",
                "    @Dense(units = 2, activation = Activation.SIGMOID) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("loss cross_entropy needs softmax as the last layer")
                .inFile(src).onLineContaining("loss = Loss.CROSS_ENTROPY");
    }

    @Test
    void negativeLearningRate() {
        JavaFileObject src = source("ErroneousLr",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.ADAM,",
                "                                lr = -1))",
                "public interface ErroneousLr {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("learning rate lr must be > 0, got -1")
                .inFile(src).onLineContaining("lr = -1");
    }

    @Test
    void hyperparameterTheOptimizerDoesNotTake() {
        JavaFileObject src = source("ErroneousBeta",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.SGD,",
                "                                beta1 = 0.9))",
                "public interface ErroneousBeta {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("optimizer sgd has no option 'beta1'")
                .inFile(src).onLineContaining("beta1 = 0.9");
    }

    @Test
    void batchNormMomentumOutOfRange() {
        JavaFileObject src = source("ErroneousMomentum",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousMomentum {",
                "    @Dense(units = 8, activation = Activation.RELU)",
                "    @BatchNorm(momentum = 0)",
                "    DenseLayer hidden();",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("batchnorm momentum must be in (0, 1], got 0")
                .inFile(src).onLineContaining("@BatchNorm(momentum = 0)");
    }

    @Test
    void initializerWithTooFewArguments() {
        JavaFileObject src = source("ErroneousInit",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousInit {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX,",
                "           init = @Init(value = InitKind.UNIFORM, args = 0.1))",
                "    DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("uniform expects two bounds, e.g. `init=uniform(-0.1, 0.1)`")
                .inFile(src).onLineContaining("init = @Init(value = InitKind.UNIFORM, args = 0.1)");
    }

    @Test
    void negativeClipAndRegularization() {
        JavaFileObject src = source("ErroneousClipL2",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD),",
                "         clip = @Clip(norm = -1),",
                "         l2 = -1e-4)",
                "public interface ErroneousClipL2 {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("clip threshold must be > 0, got -1")
                .inFile(src).onLineContaining("clip = @Clip(norm = -1)");
        assertThat(compilation).hadErrorContaining("l2 strength must be >= 0, got -0.0001")
                .inFile(src).onLineContaining("l2 = -1e-4");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void zeroBatchInTrain() {
        JavaFileObject src = source("ErroneousBatch",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 4, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD),",
                "         train = @Train(epochs = 5,",
                "                        batch = 0))",
                "public interface ErroneousBatch {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("batch size must be >= 1, got 0")
                .inFile(src).onLineContaining("batch = 0");
    }

    @Test
    void zeroImageDimension() {
        JavaFileObject src = source("ErroneousImageDims",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 28, width = -28, channels = 1,",
                "         loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousImageDims {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("an image input needs height, width and channels, each at least 1; got 28x-28x1")
                .inFile(src).onLineContaining("@Network");
    }

    @Test
    void negativeVectorInput() {
        JavaFileObject src = source("ErroneousInput",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = -3,",
                "         loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousInput {",
                "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        assertThat(compile(src)).hadErrorContaining("input size must be >= 1, got -3")
                .inFile(src).onLineContaining("input = -3");
    }
}
