package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.castnet.annotations.Network;
import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.Layer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The conv and recurrent annotations (SPEC §3): an interface says what a {@code .nn} file says (the same layers,
 * the same fingerprint), its methods are named after the model's layers, and the language's errors land on the
 * attribute that caused them.
 */
class LayerAnnotationsTest {

    private static final String IMPORTS = "import dev.castnet.annotations.*; import dev.castnet.runtime.*;";

    /** Runs the annotation path up to the validated model, without generating code, and keeps what it read. */
    static final class ReadingProcessor extends AbstractProcessor {
        InterfaceReader.Read read;
        SpecResult result;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(Network.class.getCanonicalName());
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            for (Element element : round.getElementsAnnotatedWith(Network.class)) {
                read = new InterfaceReader(processingEnv, (kind, message, origin) -> processingEnv.getMessager()
                        .printMessage(kind, message, origin.element(), origin.mirror(), origin.value())).read(element);
                if (read == null) continue;
                result = Frontend.validate(read);
                for (Diagnostic d : result.diagnostics()) {
                    Origins.Origin o = read.origins().of(d.pos());
                    processingEnv.getMessager().printMessage(d.isError() ? Kind.ERROR : Kind.WARNING, d.message(),
                            o.element(), o.mirror(), o.value());
                }
            }
            return false;
        }

        dev.castnet.dsl.model.Network network() {
            return result.networks().get(0).variants().get(0);
        }
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("dev.castnet.test." + name, lines);
    }

    private static ReadingProcessor read(JavaFileObject source) {
        ReadingProcessor reader = new ReadingProcessor();
        Compilation compilation = javac().withProcessors(reader).compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        return reader;
    }

    private static dev.castnet.dsl.model.Network spec(String... lines) {
        SpecResult r = SpecLoader.parse("spec.nn", String.join("\n", lines));
        assertTrue(r.diagnostics().isEmpty(), () -> r.diagnostics().toString());
        return r.networks().get(0).variants().get(0);
    }

    private static void assertSameNetwork(dev.castnet.dsl.model.Network spec, dev.castnet.dsl.model.Network fromInterface) {
        assertEquals(spec.layers().stream().map(Layer::print).toList(),
                fromInterface.layers().stream().map(Layer::print).toList());
        assertEquals(spec.layers().stream().map(l -> l.out().toString()).toList(),
                fromInterface.layers().stream().map(l -> l.out().toString()).toList());
        assertEquals(spec.fingerprint(), fromInterface.fingerprint(), "the tree differs from the spec's");
    }

    private static Compilation compile(JavaFileObject source) {
        return javac().withProcessors(new CastnetProcessor()).compile(source);
    }

    // ---------------------------------------------------------------- the same network as a .nn file

    @Test
    void convBlocksSayWhatTheSpecSays() {
        ReadingProcessor reader = read(source("Convs",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 12, width = 10, channels = 3, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(OptimizerKind.ADAM))",
                "public interface Convs {",
                "    @Conv2d(filters = 8, kernel = 3, padding = Padding.SAME, activation = Activation.RELU)",
                "    @BatchNorm @MaxPool(2) @Dropout(0.25)",
                "    ConvLayer first();",
                "",
                "    @Conv2d(filters = 6, kernelHeight = 3, kernelWidth = 2, stride = 1, padding = 1, bias = false,",
                "            init = @Init(value = InitKind.XAVIER_NORMAL, args = 2),",
                "            activation = Activation.LEAKY_RELU, alpha = 0.2)",
                "    @AvgPool(value = 2, stride = 1)",
                "    ConvLayer second();",
                "",
                "    // softmax needs a vector: on a conv block it runs after the pooling",
                "    @Conv2d(filters = 4, kernel = 1, padding = Padding.VALID, activation = Activation.SOFTMAX)",
                "    @GlobalAvgPool",
                "    ConvLayer head();",
                "}"));
        assertSameNetwork(spec(
                "package dev.castnet.test;",
                "network Convs {",
                "    input 12x10x3",
                "    conv2d 8 kernel=3 padding=same",
                "    batchnorm",
                "    relu",
                "    maxpool 2",
                "    dropout 0.25",
                "    conv2d 6 kernel=3x2 stride=1 padding=1 init=xavier_normal(2) bias=false",
                "    leaky_relu alpha=0.2",
                "    avgpool 2 stride=1",
                "    conv2d 4 kernel=1 padding=valid",
                "    globalavgpool",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer adam",
                "}"), reader.network());
        assertEquals(Map.of("first", "conv2d0", "second", "conv2d1", "head", "conv2d2"), reader.read.layerViews());
        assertEquals(List.of("first", "second", "head"), List.copyOf(reader.read.layerViews().keySet()));
    }

    @Test
    void recurrentBlocksSayWhatTheSpecSays() {
        ReadingProcessor reader = read(source("Sequences",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 7, input = 5, loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface Sequences {",
                "    @Rnn(units = 6, activation = Activation.SIGMOID, returnSequence = true, h0 = 0.5,",
                "         init = @Init(InitKind.LECUN_NORMAL),",
                "         recurrentInit = @Init(value = InitKind.ORTHOGONAL, args = 0.9))",
                "    @BatchNorm(momentum = 0.2)",
                "    RecurrentLayer first();",
                "",
                "    @Lstm(units = 4, returnSequence = true, forgetBias = 0) @Dropout(0.1)",
                "    RecurrentLayer second();",
                "",
                "    @Gru(units = 3)",
                "    RecurrentLayer third();",
                "",
                "    @Dense(units = 2)",
                "    DenseLayer output();",
                "}"));
        assertSameNetwork(spec(
                "package dev.castnet.test;",
                "network Sequences {",
                "    input 7x5",
                "    rnn 6 activation=sigmoid return=sequence h0=0.5 init=lecun_normal recurrent_init=orthogonal(0.9)",
                "    batchnorm momentum=0.2",
                "    lstm 4 return=sequence forget_bias=0",
                "    dropout 0.1",
                "    gru 3",
                "    dense 2",
                "    loss mse",
                "    optimizer sgd",
                "}"), reader.network());
        LinkedHashMap<String, String> expected = new LinkedHashMap<>();
        expected.put("first", "rnn0");
        expected.put("second", "lstm0");
        expected.put("third", "gru0");
        expected.put("output", "dense0");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(reader.read.layerViews().entrySet()));
    }

    @Test
    void layersAreNumberedPerKindInDeclarationOrder() {
        ReadingProcessor reader = read(source("Mixed",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 6, width = 6, channels = 1, loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface Mixed {",
                "    @Conv2d(filters = 2, kernel = 3) ConvLayer a();",
                "    @Dense(units = 3) DenseLayer b();",
                "    @Dense(units = 3) DenseLayer c();",
                "}"));
        assertEquals(List.of("conv2d0", "dense0", "dense1"), List.copyOf(reader.read.layerViews().values()));
        assertEquals(List.of("conv2d0", "dense0", "dense1"),
                reader.network().layers().stream().map(Layer::name).toList(), "the model names them the same");
    }

    @Test
    void attributesWrittenAtTheirDefaultAreWrittenAndLeftOutOnesAreNot() {
        ReadingProcessor explicit = read(source("Explicit",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 4, input = 2, loss = Loss.MSE, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface Explicit {",
                "    @Lstm(units = 3, returnSequence = false, forgetBias = 1) RecurrentLayer rows();",
                "    @Dense(units = 1, bias = true) @BatchNorm(momentum = 0.1) DenseLayer output();",
                "}"));
        dev.castnet.dsl.model.Network written = spec(
                "package dev.castnet.test;",
                "network Explicit {",
                "    input 4x2",
                "    lstm 3 return=last forget_bias=1",
                "    dense 1 bias=true",
                "    batchnorm momentum=0.1",
                "    loss mse",
                "    optimizer sgd",
                "}");
        dev.castnet.dsl.model.Network leftOut = spec(
                "package dev.castnet.test;",
                "network Explicit {",
                "    input 4x2",
                "    lstm 3",
                "    dense 1",
                "    batchnorm",
                "    loss mse",
                "    optimizer sgd",
                "}");
        assertSameNetwork(written, explicit.network());
        assertNotEquals(leftOut.fingerprint(), explicit.network().fingerprint());
        assertEquals(leftOut.layers().stream().map(Layer::print).toList(),
                explicit.network().layers().stream().map(Layer::print).toList(), "the same layers either way");
    }

    // ---------------------------------------------------------------- the language's errors, on the attribute

    private static final String IMAGE = "@Network(height = 8, width = 8, channels = 1, loss = Loss.CROSS_ENTROPY, "
            + "optimizer = @Optimizer(OptimizerKind.SGD))";
    private static final String OUTPUT = "    @Dense(units = 2, activation = Activation.SOFTMAX) DenseLayer output();";

    @Test
    void convOnAVector() {
        JavaFileObject src = source("ErroneousConvOnVector",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(input = 64, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousConvOnVector {",
                "    @Conv2d(filters = 2, kernel = 3) // on a vector",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("conv2d needs an image (HxWxC) as input, got a vector 64")
                .inFile(src).onLineContaining("// on a vector");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void kernelLargerThanTheImage() {
        JavaFileObject src = source("ErroneousKernelSize",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousKernelSize {",
                "    @Conv2d(filters = 2,",
                "            kernel = 9)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("conv2d kernel 9 does not fit its 8x8 input with padding valid")
                .inFile(src).onLineContaining("kernel = 9");
    }

    @Test
    void rectangularKernelWithAZeroSide() {
        JavaFileObject src = source("ErroneousKernelWidth",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousKernelWidth {",
                "    @Conv2d(filters = 2, kernelHeight = 3,",
                "            kernelWidth = 0)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("conv2d kernel width must be >= 1, got 0")
                .inFile(src).onLineContaining("kernelWidth = 0");
    }

    @Test
    void samePaddingWithAnEvenKernel() {
        JavaFileObject src = source("ErroneousSame",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousSame {",
                "    @Conv2d(filters = 2, kernel = 2,",
                "            padding = Padding.SAME)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("padding=same needs an odd kernel, got 2")
                .inFile(src).onLineContaining("padding = Padding.SAME");
    }

    @Test
    void strideWrittenAsZeroIsAnErrorNotTheDefault() {
        JavaFileObject src = source("ErroneousStride",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousStride {",
                "    @Conv2d(filters = 2, kernel = 3,",
                "            stride = 0)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("conv2d stride must be >= 1, got 0")
                .inFile(src).onLineContaining("stride = 0");
    }

    @Test
    void negativePadding() {
        JavaFileObject src = source("ErroneousPadding",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousPadding {",
                "    @Conv2d(filters = 2, kernel = 3,",
                "            padding = -2)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("conv2d padding must be >= 0, got -2")
                .inFile(src).onLineContaining("padding = -2");
    }

    @Test
    void poolingWindowLargerThanItsInput() {
        JavaFileObject src = source("ErroneousWindow",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousWindow {",
                "    @Conv2d(filters = 2, kernel = 3)",
                "    @MaxPool(7)",
                "    ConvLayer conv();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("maxpool window 7 does not fit its 6x6 input; use a window of at "
                        + "most 6")
                .inFile(src).onLineContaining("@MaxPool(7)");
    }

    @Test
    void softmaxOnAConvBlockThatStaysAnImage() {
        JavaFileObject src = source("ErroneousConvSoftmax",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousConvSoftmax {",
                "    @Conv2d(filters = 2, kernel = 3,",
                "            activation = Activation.SOFTMAX)",
                "    @MaxPool(2)",
                "    ConvLayer conv();",
                "}");
        assertThat(compile(src)).hadErrorContaining("softmax needs a vector as input, got an image 3x3x2")
                .inFile(src).onLineContaining("activation = Activation.SOFTMAX");
    }

    @Test
    void lstmOnAnImage() {
        JavaFileObject src = source("ErroneousLstmOnImage",
                "package dev.castnet.test;",
                IMPORTS,
                IMAGE,
                "public interface ErroneousLstmOnImage {",
                "    @Lstm(units = 4) // on an image",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("lstm needs a sequence (TxF) as input, got an image 8x8x1")
                .inFile(src).onLineContaining("// on an image");
    }

    @Test
    void rnnActivationTheCellDoesNotHave() {
        JavaFileObject src = source("ErroneousRnnActivation",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 4, input = 3, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousRnnActivation {",
                "    @Rnn(units = 4,",
                "         activation = Activation.LEAKY_RELU)",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("unknown rnn activation 'leaky_relu'; expected one of tanh, "
                        + "sigmoid, relu")
                .inFile(src).onLineContaining("activation = Activation.LEAKY_RELU");
    }

    @Test
    void orthogonalWithANegativeGain() {
        JavaFileObject src = source("ErroneousGain",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 4, input = 3, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.SGD))",
                "public interface ErroneousGain {",
                "    @Gru(units = 4,",
                "         recurrentInit = @Init(value = InitKind.ORTHOGONAL, args = -1))",
                "    RecurrentLayer rows();",
                OUTPUT,
                "}");
        assertThat(compile(src)).hadErrorContaining("orthogonal gain must be > 0, got -1")
                .inFile(src).onLineContaining("recurrentInit = @Init(value = InitKind.ORTHOGONAL, args = -1)");
    }

    // ---------------------------------------------------------------- generated classes

    @Test
    void convInterfaceCompilesToAClassWithConvViews() throws IOException {
        JavaFileObject src = source("FashionConv",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(height = 28, width = 28, channels = 1, loss = Loss.CROSS_ENTROPY,",
                "         optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 1e-3))",
                "public interface FashionConv {",
                "    @Conv2d(filters = 8, kernel = 3, padding = Padding.SAME, activation = Activation.RELU)",
                "    @BatchNorm @MaxPool(2)",
                "    ConvLayer conv1();",
                "",
                "    @Conv2d(filters = 16, kernel = 3, activation = Activation.RELU)",
                "    @GlobalAvgPool @Dropout(0.25)",
                "    ConvLayer conv2();",
                "",
                "    @Dense(units = 10, activation = Activation.SOFTMAX)",
                "    DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation.generatedSourceFile("dev.castnet.test.FashionConvNet").orElseThrow()
                .getCharContent(true).toString();
        assertTrue(generated.contains("ConvLayerView(\"conv2d0\""), generated);
        assertTrue(generated.contains("ConvLayerView(\"conv2d1\""), generated);
        assertTrue(generated.contains("DenseLayerView(\"dense0\""), generated);
    }

    @Test
    void recurrentInterfaceCompilesToAClassWithRecurrentViews() throws IOException {
        JavaFileObject src = source("RowReader",
                "package dev.castnet.test;",
                IMPORTS,
                "@Network(steps = 28, input = 28, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.ADAM),",
                "         clip = @Clip(norm = 1))",
                "public interface RowReader {",
                "    @Lstm(units = 16, returnSequence = true) RecurrentLayer rows();",
                "    @Gru(units = 8) @Dropout(0.1) RecurrentLayer summary();",
                "    @Dense(units = 10, activation = Activation.SOFTMAX) DenseLayer output();",
                "}");
        Compilation compilation = compile(src);
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation.generatedSourceFile("dev.castnet.test.RowReaderNet").orElseThrow()
                .getCharContent(true).toString();
        assertTrue(generated.contains("RecurrentLayerView(\"lstm0\", \"lstm\""), generated);
        assertTrue(generated.contains("RecurrentLayerView(\"gru0\", \"gru\""), generated);
    }
}
