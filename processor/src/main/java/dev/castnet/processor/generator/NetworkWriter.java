package dev.castnet.processor.generator;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.processor.generator.Plan.Activation;
import dev.castnet.processor.generator.Plan.BatchNorm;
import dev.castnet.processor.generator.Plan.Block;
import dev.castnet.processor.generator.Plan.Buffer;
import dev.castnet.processor.generator.Plan.Dense;
import dev.castnet.processor.generator.Plan.Dropout;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Op;
import dev.castnet.processor.generator.Plan.Softmax;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Prints a {@link Plan} as the Java source of one network class (SPEC §4). */
final class NetworkWriter {
    private static final String RUNTIME = "dev.castnet.runtime";
    private static final ClassName TRAINABLE = ClassName.get(RUNTIME, "TrainableNetwork");
    private static final ClassName PARAMETERS = ClassName.get(RUNTIME, "Parameters");
    private static final ClassName TENSOR_TABLE = ClassName.get(RUNTIME, "TensorTable");
    private static final ClassName RNG = ClassName.get(RUNTIME, "Rng");
    private static final ClassName DENSE_LAYER = ClassName.get(RUNTIME, "DenseLayer");
    private static final ClassName DENSE_KERNELS = ClassName.get(RUNTIME + ".kernel", "DenseKernels");
    private static final ClassName INITIALIZERS = ClassName.get(RUNTIME + ".generated", "Initializers");
    private static final ClassName DENSE_LAYER_VIEW = ClassName.get(RUNTIME + ".generated", "DenseLayerView");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

    private static final Modifier[] PUBLIC_CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};
    private static final Modifier[] PRIVATE_CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

    private final Plan plan;
    private final Network net;
    private final GenerationOptions options;
    private final boolean dbl;
    private final TypeName real;
    private final TypeName array;
    /** Buffer name → constant holding its per-sample (or total) size. */
    private final Map<String, String> bufferSize = new LinkedHashMap<>();
    /** Tensor name → expression for its element count. */
    private final Map<String, String> tensorSize = new LinkedHashMap<>();
    /** Tensor name → expression list for its shape. */
    private final Map<String, String> tensorShape = new LinkedHashMap<>();
    private final List<String[]> state;
    private final TypeSpec.Builder type;

    NetworkWriter(Plan plan, GenerationOptions options) {
        this.plan = plan;
        this.net = plan.network();
        this.options = options;
        this.dbl = plan.doublePrecision();
        this.real = dbl ? TypeName.DOUBLE : TypeName.FLOAT;
        this.array = ArrayTypeName.of(real);
        this.state = stateArrays(net.optimizer().kind());
        this.type = TypeSpec.classBuilder(net.className());
    }

    /** Optimizer state arrays as {field, tensor suffix}. */
    static List<String[]> stateArrays(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> List.of();
            case MOMENTUM, NESTEROV -> List.<String[]>of(new String[] {"velocity", "velocity"});
            case ADAGRAD -> List.<String[]>of(new String[] {"sum", "sum"});
            case ADADELTA -> List.of(new String[] {"squareAvg", "square_avg"}, new String[] {"accDelta", "acc_delta"});
            case RMSPROP -> List.<String[]>of(new String[] {"squareAvg", "square_avg"});
            case ADAM, ADAMW -> List.of(new String[] {"m", "m"}, new String[] {"v", "v"});
        };
    }

    /** Hyperparameters this network accepts by name, in a stable order. */
    static List<String> hyperparameters(Network net) {
        List<String> names = new ArrayList<>();
        names.add("lr");
        switch (net.optimizer().kind()) {
            case MOMENTUM, NESTEROV -> names.add("rho");
            case ADAGRAD -> names.add("eps");
            case ADADELTA, RMSPROP -> {
                names.add("rho");
                names.add("eps");
            }
            case ADAM -> names.addAll(List.of("beta1", "beta2", "eps"));
            case ADAMW -> names.addAll(List.of("beta1", "beta2", "eps", "wd"));
            case SGD -> {}
        }
        names.add("l1");
        names.add("l2");
        if (net.clipNorm() > 0 || net.clipValue() > 0) names.add("clip");
        return names;
    }

    private double initialHyperparameter(String name) {
        var o = net.optimizer();
        return switch (name) {
            case "lr" -> o.lr();
            case "rho" -> o.rho();
            case "beta1" -> o.beta1();
            case "beta2" -> o.beta2();
            case "eps" -> o.eps();
            case "wd" -> o.wd();
            case "l1" -> net.l1();
            case "l2" -> net.l2();
            case "clip" -> net.clipNorm() > 0 ? net.clipNorm() : net.clipValue();
            default -> throw new IllegalStateException(name);
        };
    }

    GeneratedSource write() {
        type.addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(TRAINABLE)
                .addAnnotation(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", options.generatorName())
                        .build())
                .addJavadoc(classJavadoc());
        if (options.interfaceName() != null) type.addSuperinterface(ClassName.bestGuess(options.interfaceName()));
        constants();
        fields();
        constructor();
        identity();
        training();
        inference();
        forwardMethods();
        loss();
        backwardMethods();
        update();
        tensors();
        hyperparameterMethods();
        dropoutMethods();
        batchNormMethods();
        views();
        helpers();
        JavaFile file = JavaFile.builder(net.packageName(), type.build())
                .addFileComment("Generated by castnet from $L (spec fingerprint $L).\n", specName(net.specFile()),
                        net.fingerprint())
                .addFileComment("Do not edit: change the spec and generate again.")
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        String qualified = net.packageName().isEmpty() ? net.className() : net.packageName() + "." + net.className();
        return new GeneratedSource(qualified, file.toString());
    }

    // ---------------------------------------------------------------- documentation

    private String classJavadoc() {
        StringBuilder b = new StringBuilder();
        b.append("Network {@code ").append(net.name()).append("}");
        if (!net.bindings().isEmpty()) {
            b.append(" with ");
            List<String> keys = new ArrayList<>(net.bindings().keySet());
            keys.sort(null);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(keys.get(i)).append('=').append(net.bindings().get(keys.get(i)));
            }
        }
        b.append(", in ").append(dbl ? "double" : "float").append(" precision.\n\n<pre>\n");
        b.append("input ").append(net.input()).append('\n');
        for (Layer layer : net.layers()) b.append(describe(layer)).append('\n');
        b.append("loss ").append(net.loss().word()).append(", optimizer ").append(net.optimizer().kind().word());
        if (net.clipNorm() > 0) b.append(", clip norm ").append(net.clipNorm());
        if (net.clipValue() > 0) b.append(", clip value ").append(net.clipValue());
        if (net.l1() > 0) b.append(", l1 ").append(net.l1());
        if (net.l2() > 0) b.append(", l2 ").append(net.l2());
        b.append("\n</pre>\n\n");
        b.append("<p>Initialization draws from {@code Rng} seeded with the constructor's seed, layer by layer in\n"
                + "order, each dense layer's weights row-major {@code [in][out]}; biases and β start at 0, γ at 1,\n"
                + "running means at 0 and running variances at 1. Dropout masks are drawn from the same generator\n"
                + "during training steps, element by element in {@code [batch][features]} order.\n\n"
                + "<p>An instance is not thread-safe: its buffers hold the state of the step in progress.\n");
        return b.toString();
    }

    private static String describe(Layer layer) {
        if (layer instanceof Layer.Dense d) {
            return d.name() + ": dense " + d.in() + " -> " + d.units() + " init=" + init(d.init())
                    + (d.bias() ? "" : " bias=false");
        }
        if (layer instanceof Layer.BatchNorm b) {
            return b.name() + ": batchnorm " + b.in() + " momentum=" + b.momentum() + " eps=" + b.eps() + " stats="
                    + b.stats().word();
        }
        if (layer instanceof Layer.Dropout d) {
            return d.name() + ": dropout " + d.p() + " mode=" + d.mode().word();
        }
        if (layer instanceof Layer.Activation a) {
            return a.kind().word() + (a.kind() == ActivationKind.LEAKY_RELU || a.kind() == ActivationKind.ELU
                    ? " alpha=" + a.alpha() : "");
        }
        return "softmax";
    }

    private static String init(Init init) {
        StringBuilder b = new StringBuilder(init.kind().word());
        if (!init.args().isEmpty()) {
            b.append('(');
            for (int i = 0; i < init.args().size(); i++) {
                if (i > 0) b.append(", ");
                b.append(init.arg(i));
            }
            b.append(')');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- constants and fields

    private void constants() {
        constant(PUBLIC_CONSTANT, "INPUT_SIZE", String.valueOf(plan.inputSize()), null);
        constant(PUBLIC_CONSTANT, "OUTPUT_SIZE", String.valueOf(plan.outputSize()), null);
        for (Op op : plan.ops()) {
            if (op instanceof Dense d) {
                constant(PUBLIC_CONSTANT, "IN_" + d.index(), String.valueOf(d.inSize()), "Inputs of dense"
                        + d.index());
                constant(PUBLIC_CONSTANT, "OUT_" + d.index(), String.valueOf(d.outSize()), "Units of dense"
                        + d.index());
                bufferSize.put(d.out(), "OUT_" + d.index());
                bufferSize.put(d.outDelta(), "OUT_" + d.index());
                String w = "IN_" + d.index() + " * OUT_" + d.index();
                tensorSize.put(d.weight().name(), w);
                tensorShape.put(d.weight().name(), "IN_" + d.index() + ", OUT_" + d.index());
                if (d.bias() != null) {
                    tensorSize.put(d.bias().name(), "OUT_" + d.index());
                    tensorShape.put(d.bias().name(), "OUT_" + d.index());
                }
            } else if (op instanceof BatchNorm b) {
                String f = "BATCHNORM" + b.index() + "_FEATURES";
                constant(PUBLIC_CONSTANT, f, String.valueOf(b.inSize()), null);
                for (String buf : List.of(b.out(), b.outDelta(), b.xhat(), b.mean(), b.invStd())) {
                    bufferSize.put(buf, f);
                }
                for (Tensor t : List.of(b.gamma(), b.beta(), b.runningMean(), b.runningVar())) {
                    tensorSize.put(t.name(), f);
                    tensorShape.put(t.name(), f);
                }
            } else if (op instanceof Dropout d) {
                String f = "DROPOUT" + d.index() + "_SIZE";
                constant(PUBLIC_CONSTANT, f, String.valueOf(d.inSize()), null);
                for (String buf : List.of(d.out(), d.outDelta(), d.mask())) bufferSize.put(buf, f);
            } else if (op instanceof Activation a) {
                String f = "ACTIVATION" + a.index() + "_SIZE";
                constant(PUBLIC_CONSTANT, f, String.valueOf(a.inSize()), null);
                bufferSize.put(a.out(), f);
                bufferSize.put(a.outDelta(), f);
            } else if (op instanceof Softmax s) {
                bufferSize.put(s.out(), "OUTPUT_SIZE");
            }
        }
        if (plan.denses().stream().anyMatch(d -> d.post() != null)) {
            // large enough that the kernel streams the weights once for a typical batch, small enough that the
            // block's output is still in cache for the activation
            constant(PRIVATE_CONSTANT, "ROW_BLOCK", "64", "Rows per dense kernel call when an activation follows");
        }
        for (Tensor t : plan.tensors()) {
            constant(PRIVATE_CONSTANT, t.constant(), String.valueOf(t.offset()),
                    "Offset of " + t.name() + " in " + (t.trainable() ? "params and grads" : "stats"));
        }
        constant(PUBLIC_CONSTANT, "PARAMETER_COUNT", String.valueOf(plan.parameterCount()),
                "Trainable scalars (weights, biases, γ, β)");
        constant(PRIVATE_CONSTANT, "STATISTICS_COUNT", String.valueOf(plan.statisticsCount()),
                "Batchnorm running means and variances");
        Cost cost = Cost.of(net, 1);
        FieldSpec.Builder pb = FieldSpec.builder(TypeName.LONG, "PARAMETER_BYTES", PUBLIC_CONSTANT)
                .initializer("$LL", cost.parameterBytes())
                .addJavadoc("Bytes of every stored tensor plus the trainable tensors' gradients.\n");
        type.addField(pb.build());
        type.addField(FieldSpec.builder(TypeName.LONG, "ACTIVATION_BYTES_PER_SAMPLE", PUBLIC_CONSTANT)
                .initializer("$LL", cost.activationBytes())
                .addJavadoc("Bytes per sample of layer outputs and their gradients, the input and per-layer caches.\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.LONG, "OPTIMIZER_STATE_BYTES", PUBLIC_CONSTANT)
                .initializer("$LL", cost.optimizerStateBytes())
                .build());
        if (!plan.batchNorms().isEmpty()) {
            int max = 0;
            for (BatchNorm b : plan.batchNorms()) max = Math.max(max, b.inSize());
            constant(PRIVATE_CONSTANT, "POPULATION_FEATURES", String.valueOf(max),
                    "Widest batchnorm, for the whole-dataset statistics accumulators");
        }
    }

    private void constant(Modifier[] modifiers, String name, String value, String doc) {
        FieldSpec.Builder f = FieldSpec.builder(TypeName.INT, name, modifiers).initializer("$L", value);
        if (doc != null) f.addJavadoc("$L.\n", doc);
        type.addField(f.build());
    }

    private void field(TypeName t, String name, String doc, Modifier... modifiers) {
        FieldSpec.Builder f = FieldSpec.builder(t, name, modifiers);
        if (doc != null) f.addJavadoc("$L\n", doc);
        type.addField(f.build());
    }

    private void fields() {
        field(TypeName.INT, "maxBatch", null, Modifier.PRIVATE, Modifier.FINAL);
        field(RNG, "rng", null, Modifier.PRIVATE, Modifier.FINAL);
        field(array, "params", "Trainable tensors back to back; offsets are the {@code *_WEIGHT}, {@code *_BIAS}, "
                + "{@code *_GAMMA}, {@code *_BETA} constants.", Modifier.PRIVATE, Modifier.FINAL);
        field(array, "grads", "Gradient of the last step's mean data loss, laid out as {@code params}.",
                Modifier.PRIVATE, Modifier.FINAL);
        field(array, "stats", "Batchnorm running means and variances.", Modifier.PRIVATE, Modifier.FINAL);
        for (String[] s : state) {
            field(array, s[0], "Optimizer state {@code ." + s[1] + "}, laid out as {@code params}.",
                    Modifier.PRIVATE, Modifier.FINAL);
        }
        for (Buffer b : plan.buffers()) field(array, b.name(), bufferDoc(b), Modifier.PRIVATE, Modifier.FINAL);
        field(TENSOR_TABLE, "parameterTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TENSOR_TABLE, "gradientTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TENSOR_TABLE, "stateTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TypeName.LONG, "step", "Optimizer steps taken: t of Adam's bias correction.", Modifier.PRIVATE);
        for (String h : hyperparameters(net)) {
            type.addField(FieldSpec.builder(TypeName.DOUBLE, h, Modifier.PRIVATE)
                    .initializer("$L", literal(initialHyperparameter(h)))
                    .build());
        }
        for (Dropout d : plan.dropouts()) {
            type.addField(FieldSpec.builder(TypeName.DOUBLE, d.field(), Modifier.PRIVATE)
                    .initializer("$L", literal(d.p()))
                    .addJavadoc("Drop probability of dropout$L.\n", d.index())
                    .build());
        }
        if (!plan.batchNorms().isEmpty()) {
            type.addField(FieldSpec.builder(TypeName.INT, "populationLayer", Modifier.PRIVATE)
                    .initializer("-1")
                    .addJavadoc("Batchnorm layer whose whole-dataset statistics are being computed, or -1.\n")
                    .build());
            field(TypeName.LONG, "populationCount", null, Modifier.PRIVATE);
            for (String n : List.of("populationMean", "populationM2", "populationBatchMean", "populationBatchM2")) {
                field(ArrayTypeName.of(TypeName.DOUBLE), n, null, Modifier.PRIVATE, Modifier.FINAL);
            }
        }
        for (Map.Entry<String, Integer> v : options.layerViews().entrySet()) {
            field(DENSE_LAYER, v.getKey() + "View", null, Modifier.PRIVATE, Modifier.FINAL);
        }
    }

    private String bufferDoc(Buffer b) {
        String shape = b.batched() ? "[batch][" + bufferSize.get(b.name()) + "]" : "[" + bufferSize.get(b.name()) + "]";
        for (Op op : plan.ops()) {
            String layer = op instanceof Softmax ? "softmax" : Character.toLowerCase(op.method().charAt(0))
                    + op.method().substring(1);
            Eltwise post = op instanceof Dense d ? d.post() : op instanceof BatchNorm n ? n.post()
                    : op instanceof Dropout r ? r.post() : null;
            String after = post != null ? " after " + post.kind().word() : "";
            if (b.name().equals(op.out())) return "Output of " + layer + after + ", {@code " + shape + "}.";
            if (b.name().equals(op.outDelta())) {
                return "Gradient of the loss with respect to {@code " + op.out() + "}, {@code " + shape + "}.";
            }
            if (op instanceof BatchNorm n) {
                if (b.name().equals(n.xhat())) return "Normalized input x̂ of " + layer + ", {@code " + shape + "}.";
                if (b.name().equals(n.mean())) return "Batch mean of " + layer + " per feature.";
                if (b.name().equals(n.invStd())) return "1/sqrt(var + eps) of " + layer + " per feature.";
            }
            if (op instanceof Dropout r && b.name().equals(r.mask())) {
                return "Mask of " + layer + ": 0 for dropped units, the scale for kept ones.";
            }
        }
        return null;
    }

    private void constructor() {
        MethodSpec.Builder m = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Allocates every buffer for up to {@code maxBatch} samples a step and draws the initial\n"
                        + "parameters from {@code seed}.\n")
                .addParameter(TypeName.INT, "maxBatch")
                .addParameter(TypeName.LONG, "seed");
        m.beginControlFlow("if (maxBatch < 1)");
        m.addStatement("throw new $T($S + maxBatch)", IllegalArgumentException.class,
                "maxBatch must be at least 1, got ");
        m.endControlFlow();
        m.addStatement("this.maxBatch = maxBatch");
        m.addStatement("this.rng = new $T(seed)", RNG);
        m.addStatement("params = new $T[PARAMETER_COUNT]", real);
        m.addStatement("grads = new $T[PARAMETER_COUNT]", real);
        m.addStatement("stats = new $T[STATISTICS_COUNT]", real);
        for (String[] s : state) m.addStatement("$L = new $T[PARAMETER_COUNT]", s[0], real);
        for (Buffer b : plan.buffers()) {
            if (b.batched()) {
                m.addStatement("$L = new $T[maxBatch * $L]", b.name(), real, bufferSize.get(b.name()));
            } else {
                m.addStatement("$L = new $T[$L]", b.name(), real, bufferSize.get(b.name()));
            }
        }
        if (!plan.batchNorms().isEmpty()) {
            for (String n : List.of("populationMean", "populationM2", "populationBatchMean", "populationBatchM2")) {
                m.addStatement("$L = new double[POPULATION_FEATURES]", n);
            }
        }
        m.addStatement("parameterTable = new $T()", TENSOR_TABLE);
        for (Tensor t : plan.tensors()) {
            m.addStatement("parameterTable.add($S, new int[] {$L}, $L, $L)", t.name(), tensorShape.get(t.name()),
                    t.trainable() ? "params" : "stats", t.constant());
        }
        m.addStatement("gradientTable = new $T()", TENSOR_TABLE);
        for (Tensor t : plan.trainable()) {
            m.addStatement("gradientTable.add($S, new int[] {$L}, grads, $L)", t.name(), tensorShape.get(t.name()),
                    t.constant());
        }
        m.addStatement("stateTable = new $T()", TENSOR_TABLE);
        for (Tensor t : plan.trainable()) {
            for (String[] s : state) {
                m.addStatement("stateTable.add($S, new int[] {$L}, $L, $L)", t.name() + "." + s[1],
                        tensorShape.get(t.name()), s[0], t.constant());
            }
        }
        for (Map.Entry<String, Integer> v : options.layerViews().entrySet()) {
            Block block = block(v.getValue());
            Dense d = block.dense();
            m.addStatement("$LView = new $T($S, IN_$L, OUT_$L, parameterTable, gradientTable, $L)", v.getKey(),
                    DENSE_LAYER_VIEW, "dense" + d.index(), d.index(), d.index(), block.output());
        }
        m.addStatement("initialize()");
        type.addMethod(m.build());
    }

    private Block block(int denseIndex) {
        for (Block b : plan.blocks()) {
            if (b.dense().index() == denseIndex) return b;
        }
        throw new IllegalArgumentException("layer view names dense layer " + denseIndex + ", but network "
                + net.name() + " has " + plan.blocks().size() + " dense layers");
    }

    // ---------------------------------------------------------------- identity and cost

    private void identity() {
        getter("networkName", ClassName.get(String.class), "$S", net.name());
        getter("specFingerprint", ClassName.get(String.class), "$S", net.fingerprint());
        getter("doublePrecision", TypeName.BOOLEAN, "$L", dbl);
        getter("inputSize", TypeName.INT, "$L", "INPUT_SIZE");
        getter("outputSize", TypeName.INT, "$L", "OUTPUT_SIZE");
        getter("maxBatch", TypeName.INT, "$L", "maxBatch");
        getter("lossName", ClassName.get(String.class), "$S", net.loss().word());
        getter("parameterCount", TypeName.LONG, "$L", "PARAMETER_COUNT");
        getter("parameterBytes", TypeName.LONG, "$L", "PARAMETER_BYTES");
        getter("activationBytes", TypeName.LONG, "$L", "maxBatch * ACTIVATION_BYTES_PER_SAMPLE");
        getter("optimizerStateBytes", TypeName.LONG, "$L", "OPTIMIZER_STATE_BYTES");
    }

    private void getter(String name, TypeName returns, String format, Object value) {
        type.addMethod(MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addStatement("return " + format, value)
                .build());
    }

    // ---------------------------------------------------------------- public entry points

    private void training() {
        boolean labels = net.loss() == LossKind.CROSS_ENTROPY;
        MethodSpec.Builder m = MethodSpec.methodBuilder("trainStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(array, "x")
                .addParameter(labels ? ArrayTypeName.of(TypeName.INT) : array, labels ? "labels" : "targets")
                .addParameter(TypeName.INT, "batch");
        m.addStatement("checkBatch(batch)");
        m.addStatement("checkLength($S, x.length, batch * INPUT_SIZE)", "x");
        m.addStatement("checkLength($S, $L.length, batch$L)", labels ? "labels" : "targets",
                labels ? "labels" : "targets", labels ? "" : " * OUTPUT_SIZE");
        m.addStatement("forwardTraining(x, batch)");
        m.addStatement("double loss = $L(batch, $L)", lossMethod(), labels ? "labels" : "targets");
        m.addStatement("backward(x, batch)");
        m.addStatement("update()");
        m.addStatement("return loss");
        type.addMethod(m.build());

        MethodSpec.Builder wrong = MethodSpec.methodBuilder("trainStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(array, "x")
                .addParameter(labels ? array : ArrayTypeName.of(TypeName.INT), labels ? "targets" : "labels")
                .addParameter(TypeName.INT, "batch");
        wrong.addStatement("throw new $T($S)", UnsupportedOperationException.class, "network " + net.name()
                + " uses " + net.loss().word() + ": pass " + (labels ? "class labels (int[])"
                : "targets (" + (dbl ? "double" : "float") + "[batch * " + plan.outputSize() + "])"));
        type.addMethod(wrong.build());

        MethodSpec.Builder f = MethodSpec.methodBuilder("forwardTraining")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Training mode: batch statistics, fresh dropout masks.\n")
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "batch");
        for (Op op : plan.ops()) f.addStatement("$L", forwardCall(op, true, "0"));
        type.addMethod(f.build());
    }

    private String forwardCall(Op op, boolean training, String xOff) {
        String suffix = "";
        if (op instanceof BatchNorm || op instanceof Dropout) suffix = training ? "Training" : "Inference";
        String args = op.in().equals(Plan.INPUT) ? "x, " + xOff + ", batch" : "batch";
        return "forward" + op.method() + suffix + "(" + args + ")";
    }

    private void inference() {
        MethodSpec.Builder f = MethodSpec.methodBuilder("forward")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "batch")
                .addParameter(array, "out");
        f.addStatement("checkBatch(batch)");
        f.addStatement("checkLength($S, x.length, batch * INPUT_SIZE)", "x");
        f.addStatement("checkLength($S, out.length, batch * OUTPUT_SIZE)", "out");
        f.addStatement("forwardInference(x, 0, batch)");
        f.addStatement("$T.arraycopy($L, 0, out, 0, batch * OUTPUT_SIZE)", System.class, plan.outputBuffer());
        type.addMethod(f.build());

        MethodSpec.Builder p = MethodSpec.methodBuilder("predict")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "offset");
        p.beginControlFlow("if (offset < 0 || offset > x.length - INPUT_SIZE)");
        p.addStatement("throw new $T($S + offset + $S + x.length)", IllegalArgumentException.class,
                "a sample needs " + plan.inputSize() + " values from offset ", " in an array of ");
        p.endControlFlow();
        p.addStatement("forwardInference(x, offset, 1)");
        String out = plan.outputBuffer();
        if (plan.outputSize() == 1) {
            p.addComment("one output: a probability (or score) thresholded at 0.5");
            p.addStatement("return $L[0] >= 0.5 ? 1 : 0", out);
        } else {
            p.addStatement("int best = 0");
            p.beginControlFlow("for (int j = 1; j < OUTPUT_SIZE; j++)");
            p.beginControlFlow("if ($L[j] > $L[best])", out, out);
            p.addStatement("best = j");
            p.endControlFlow();
            p.endControlFlow();
            p.addStatement("return best");
        }
        type.addMethod(p.build());

        MethodSpec.Builder last = MethodSpec.methodBuilder("lastOutputs")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(array, "out")
                .addParameter(TypeName.INT, "batch");
        last.addStatement("checkBatch(batch)");
        last.addStatement("checkLength($S, out.length, batch * OUTPUT_SIZE)", "out");
        last.addStatement("$T.arraycopy($L, 0, out, 0, batch * OUTPUT_SIZE)", System.class, out);
        type.addMethod(last.build());

        MethodSpec.Builder o = MethodSpec.methodBuilder("outputs")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The network's output {@code [batch][OUTPUT_SIZE]} of the last forward pass or training\n"
                        + "step (training mode after a step), copied; for inspection and tests.\n")
                .returns(ArrayTypeName.of(TypeName.DOUBLE))
                .addParameter(TypeName.INT, "batch");
        o.addStatement("checkBatch(batch)");
        o.addStatement("double[] copy = new double[batch * OUTPUT_SIZE]");
        o.beginControlFlow("for (int i = 0; i < copy.length; i++)");
        o.addStatement("copy[i] = $L[i]", out);
        o.endControlFlow();
        o.addStatement("return copy");
        type.addMethod(o.build());

        MethodSpec.Builder f2 = MethodSpec.methodBuilder("forwardInference")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Inference mode: stored batchnorm statistics, no dropout masks.\n")
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "xOff")
                .addParameter(TypeName.INT, "batch");
        for (Op op : plan.ops()) f2.addStatement("$L", forwardCall(op, false, "xOff"));
        type.addMethod(f2.build());
    }

    // ---------------------------------------------------------------- forward kernels

    private MethodSpec.Builder opMethod(String name, Op op, boolean readsInput) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE);
        if (readsInput && op.in().equals(Plan.INPUT)) {
            m.addParameter(array, "x").addParameter(TypeName.INT, "xOff");
        }
        m.addParameter(TypeName.INT, "batch");
        return m;
    }

    /** Index expression into the op's input: the caller's array starts at xOff. */
    private static String in(Op op, String index) {
        return op.in().equals(Plan.INPUT) ? "x[xOff + " + index + "]" : op.in() + "[" + index + "]";
    }

    private void forwardMethods() {
        for (Op op : plan.ops()) {
            if (op instanceof Dense d) {
                forwardDense(d);
            } else if (op instanceof BatchNorm b) {
                forwardBatchNormTraining(b);
                forwardBatchNormInference(b);
            } else if (op instanceof Dropout d) {
                forwardDropoutTraining(d);
                forwardDropoutInference(d);
            } else if (op instanceof Activation a) {
                forwardActivation(a);
            } else if (op instanceof Softmax s) {
                forwardSoftmax(s);
            }
        }
    }

    private void forwardDense(Dense d) {
        int i = d.index();
        MethodSpec.Builder m = opMethod("forwardDense" + i, d, true);
        m.addJavadoc("dense$L: y = x·W$L$L.\n", i, d.bias() != null ? " + b" : "",
                d.post() != null ? ", then " + d.post().kind().word() + " in place" : "");
        String bias = d.bias() != null ? "params, " + d.bias().constant() : "null, 0";
        if (d.post() == null) {
            String x = d.in().equals(Plan.INPUT) ? "x, xOff" : d.in() + ", 0";
            m.addStatement("$T.forward($L, params, $L, $L, $L, 0, batch, IN_$L, OUT_$L)", DENSE_KERNELS, x,
                    d.weight().constant(), bias, d.out(), i, i);
        } else {
            m.addComment("a block of rows at a time, so the activation finds them still in cache");
            m.beginControlFlow("for (int first = 0; first < batch; first += ROW_BLOCK)");
            m.addStatement("int rows = Math.min(ROW_BLOCK, batch - first)");
            String x = d.in().equals(Plan.INPUT) ? "x, xOff + first * IN_" + i : d.in() + ", first * IN_" + i;
            m.addStatement("$T.forward($L, params, $L, $L, $L, first * OUT_$L, rows, IN_$L, OUT_$L)", DENSE_KERNELS,
                    x, d.weight().constant(), bias, d.out(), i, i, i);
            m.beginControlFlow("for (int i = first * OUT_$L, n = (first + rows) * OUT_$L; i < n; i++)", i, i);
            m.addStatement("$L", activation(d.post(), d.out() + "[i]", d.out() + "[i]"));
            m.endControlFlow();
            m.endControlFlow();
        }
        type.addMethod(m.build());
    }

    private void postForward(MethodSpec.Builder m, Eltwise post, String buf, String size) {
        if (post == null) return;
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size);
        m.addStatement("$L", activation(post, buf + "[i]", buf + "[i]"));
        m.endControlFlow();
    }

    /** {@code dst = f(src)}. */
    private String activation(Eltwise fn, String dst, String src) {
        return switch (fn.kind()) {
            case IDENTITY -> dst + " = " + src;
            case SIGMOID -> dst + " = " + narrow("1 / (1 + Math.exp(-" + src + "))");
            case TANH -> dst + " = " + narrow("Math.tanh(" + src + ")");
            case RELU -> dst + " = " + src + " < 0 ? 0 : " + src;
            case LEAKY_RELU -> dst + " = " + src + " < 0 ? " + narrow(literal(fn.alpha()) + " * " + src) + " : " + src;
            case ELU -> dst + " = " + src + " < 0 ? " + narrow(literal(fn.alpha()) + " * Math.expm1(" + src + ")")
                    + " : " + src;
        };
    }

    /**
     * Multiplies {@code delta} by f'(x) written through the output y = f(x): y(1−y) for sigmoid, 1−y² for tanh;
     * relu, leaky_relu and elu (α > 0) have y > 0 exactly when x > 0, and elu's slope below 0 is y + α.
     */
    private String derivative(Eltwise fn, String dst, String delta, String y) {
        return switch (fn.kind()) {
            case IDENTITY -> dst + " = " + delta;
            case SIGMOID -> dst + " = " + delta + " * " + y + " * (1 - " + y + ")";
            case TANH -> dst + " = " + delta + " * (1 - " + y + " * " + y + ")";
            case RELU -> dst + " = " + y + " > 0 ? " + delta + " : 0";
            case LEAKY_RELU -> dst + " = " + y + " > 0 ? " + delta + " : " + narrow(literal(fn.alpha()) + " * " + delta);
            case ELU -> dst + " = " + y + " > 0 ? " + delta + " : " + narrow(delta + " * (" + y + " + "
                    + literal(fn.alpha()) + ")");
        };
    }

    private void forwardBatchNormTraining(BatchNorm b) {
        int k = b.index();
        String f = "BATCHNORM" + k + "_FEATURES";
        MethodSpec.Builder m = opMethod("forwardBatchnorm" + k + "Training", b, true);
        m.addJavadoc("batchnorm$L in training (Algorithm 7.1): normalize by the batch mean and biased variance,\n"
                + "update the running statistics with the unbiased variance (as PyTorch)$L.\n", k,
                b.post() != null ? ", then " + b.post().kind().word() + " in place" : "");
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] = 0", b.mean());
        m.addStatement("$L[j] = 0", b.invStd());
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] += $L", b.mean(), in(b, "row + j"));
        m.endControlFlow();
        m.endControlFlow();
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] /= batch", b.mean());
        m.endControlFlow();
        m.addComment("the biased variance accumulates in $L before it becomes 1/sqrt(var + eps)", b.invStd());
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("double d = $L - $L[j]", in(b, "row + j"), b.mean());
        m.addStatement("$L[j] = $L", b.invStd(), narrow(b.invStd() + "[j] + d * d"));
        m.endControlFlow();
        m.endControlFlow();
        m.addStatement("double momentum = $L", literal(b.momentum()));
        m.addStatement("double unbiased = batch > 1 ? (double) batch / (batch - 1) : 1");
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("double variance = $L[j] / batch", b.invStd());
        m.addStatement("stats[$L + j] = $L", b.runningMean().constant(),
                narrow("(1 - momentum) * stats[" + b.runningMean().constant() + " + j] + momentum * " + b.mean()
                        + "[j]"));
        m.addStatement("stats[$L + j] = $L", b.runningVar().constant(),
                narrow("(1 - momentum) * stats[" + b.runningVar().constant()
                        + " + j] + momentum * variance * unbiased"));
        m.addStatement("$L[j] = $L", b.invStd(), narrow("1 / Math.sqrt(variance + " + literal(b.eps()) + ")"));
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$T xhat = ($L - $L[j]) * $L[j]", real, in(b, "row + j"), b.mean(), b.invStd());
        m.addStatement("$L[row + j] = xhat", b.xhat());
        m.addStatement("$L[row + j] = params[$L + j] * xhat + params[$L + j]", b.out(), b.gamma().constant(),
                b.beta().constant());
        m.endControlFlow();
        m.endControlFlow();
        postForward(m, b.post(), b.out(), f);
        type.addMethod(m.build());
    }

    private void forwardBatchNormInference(BatchNorm b) {
        int k = b.index();
        String f = "BATCHNORM" + k + "_FEATURES";
        MethodSpec.Builder m = opMethod("forwardBatchnorm" + k + "Inference", b, true);
        m.addJavadoc("batchnorm$L at inference: normalize by the stored $L statistics$L.\n", k,
                b.stats() == BatchNormStats.POPULATION ? "whole-dataset" : "running",
                b.post() != null ? ", then " + b.post().kind().word() + " in place" : "");
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] = $L", b.invStd(), narrow("1 / Math.sqrt(stats[" + b.runningVar().constant()
                + " + j] + " + literal(b.eps()) + ")"));
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[row + j] = params[$L + j] * ($L - stats[$L + j]) * $L[j] + params[$L + j]", b.out(),
                b.gamma().constant(), in(b, "row + j"), b.runningMean().constant(), b.invStd(),
                b.beta().constant());
        m.endControlFlow();
        m.endControlFlow();
        postForward(m, b.post(), b.out(), f);
        type.addMethod(m.build());
    }

    private void forwardDropoutTraining(Dropout d) {
        int k = d.index();
        String f = "DROPOUT" + k + "_SIZE";
        MethodSpec.Builder m = opMethod("forwardDropout" + k + "Training", d, true);
        boolean inverted = d.mode() == DropoutMode.INVERTED;
        m.addJavadoc("dropout$L in training: drop each unit with probability $L; $L$L.\n", k, d.field(),
                inverted ? "kept units are scaled by 1/(1 - p) (inverted dropout)" : "kept units are not scaled",
                d.post() != null ? ", then " + d.post().kind().word() + " in place" : "");
        m.addStatement("double p = $L", d.field());
        m.addStatement("$T keep = $L", real, inverted ? narrow("1 / (1 - p)") : dbl ? "1" : "1f");
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L[i] = rng.nextDouble() < p ? 0 : keep", d.mask());
        m.addStatement("$L[i] = $L * $L[i]", d.out(), in(d, "i"), d.mask());
        m.endControlFlow();
        postForward(m, d.post(), d.out(), f);
        type.addMethod(m.build());
    }

    private void forwardDropoutInference(Dropout d) {
        int k = d.index();
        String f = "DROPOUT" + k + "_SIZE";
        MethodSpec.Builder m = opMethod("forwardDropout" + k + "Inference", d, true);
        boolean inverted = d.mode() == DropoutMode.INVERTED;
        m.addJavadoc("dropout$L at inference: $L$L.\n", k, inverted ? "the identity" : "outputs scaled by 1 - p",
                d.post() != null ? ", then " + d.post().kind().word() + " in place" : "");
        if (inverted) {
            m.addStatement("$T.arraycopy($L, $L, $L, 0, batch * $L)", System.class,
                    d.in().equals(Plan.INPUT) ? "x" : d.in(), d.in().equals(Plan.INPUT) ? "xOff" : "0", d.out(), f);
        } else {
            m.addStatement("$T scale = $L", real, narrow("1 - " + d.field()));
            m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
            m.addStatement("$L[i] = $L * scale", d.out(), in(d, "i"));
            m.endControlFlow();
        }
        postForward(m, d.post(), d.out(), f);
        type.addMethod(m.build());
    }

    private void forwardActivation(Activation a) {
        String f = "ACTIVATION" + a.index() + "_SIZE";
        MethodSpec.Builder m = opMethod("forwardActivation" + a.index(), a, true);
        m.addJavadoc("$L into its own buffer.\n", a.fn().kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L", activation(a.fn(), a.out() + "[i]", in(a, "i")));
        m.endControlFlow();
        type.addMethod(m.build());
    }

    private void forwardSoftmax(Softmax s) {
        MethodSpec.Builder m = opMethod("forwardSoftmax", s, true);
        m.addJavadoc("Softmax per sample, shifted by the row maximum so exp cannot overflow.\n");
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * OUTPUT_SIZE");
        m.addStatement("double max = $L", in(s, "row"));
        m.beginControlFlow("for (int j = 1; j < OUTPUT_SIZE; j++)");
        m.addStatement("max = Math.max(max, $L)", in(s, "row + j"));
        m.endControlFlow();
        m.addStatement("double sum = 0");
        m.beginControlFlow("for (int j = 0; j < OUTPUT_SIZE; j++)");
        m.addStatement("double e = Math.exp($L - max)", in(s, "row + j"));
        m.addStatement("$L[row + j] = $L", s.out(), narrow("e"));
        m.addStatement("sum += e");
        m.endControlFlow();
        m.beginControlFlow("for (int j = 0; j < OUTPUT_SIZE; j++)");
        m.addStatement("$L[row + j] = $L", s.out(), narrow(s.out() + "[row + j] / sum"));
        m.endControlFlow();
        m.endControlFlow();
        type.addMethod(m.build());
    }

    // ---------------------------------------------------------------- loss

    private String lossMethod() {
        return switch (net.loss()) {
            case CROSS_ENTROPY -> "lossCrossEntropy";
            case BINARY_CROSS_ENTROPY -> "lossBinaryCrossEntropy";
            case MSE -> "lossMse";
        };
    }

    private void loss() {
        MethodSpec.Builder m = MethodSpec.methodBuilder(lossMethod())
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "batch");
        String out = plan.outputBuffer();
        String delta = plan.lossDelta();
        switch (net.loss()) {
            case CROSS_ENTROPY -> {
                String z = plan.logits();
                m.addJavadoc("Mean cross-entropy of softmax over the batch, from the logits by log-sum-exp; writes\n"
                        + "its gradient with respect to the logits, (p - onehot) / batch, into $L.\n", delta);
                m.addParameter(ArrayTypeName.of(TypeName.INT), "labels");
                m.addStatement("double total = 0");
                m.addStatement("double scale = 1.0 / batch");
                m.beginControlFlow("for (int b = 0; b < batch; b++)");
                m.addStatement("int label = labels[b]");
                m.beginControlFlow("if (label < 0 || label >= OUTPUT_SIZE)");
                m.addStatement("throw new $T($S + b + $S + label)", IllegalArgumentException.class,
                        "label of sample ", " must be in [0, " + plan.outputSize() + "), got ");
                m.endControlFlow();
                m.addStatement("int row = b * OUTPUT_SIZE");
                m.addStatement("double max = $L[row]", z);
                m.beginControlFlow("for (int j = 1; j < OUTPUT_SIZE; j++)");
                m.addStatement("max = Math.max(max, $L[row + j])", z);
                m.endControlFlow();
                m.addStatement("double sum = 0");
                m.beginControlFlow("for (int j = 0; j < OUTPUT_SIZE; j++)");
                m.addStatement("sum += Math.exp($L[row + j] - max)", z);
                m.addStatement("$L[row + j] = $L", delta, narrow(out + "[row + j] * scale"));
                m.endControlFlow();
                m.addStatement("total += max + Math.log(sum) - $L[row + label]", z);
                m.addStatement("$L[row + label] = $L", delta, narrow("(" + out + "[row + label] - 1) * scale"));
                m.endControlFlow();
                m.addStatement("return total / batch");
            }
            case BINARY_CROSS_ENTROPY -> {
                m.addJavadoc("Mean binary cross-entropy over batch and outputs, each log clamped at -100 as PyTorch's\n"
                        + "BCELoss; writes its gradient with respect to the output into $L.\n", delta);
                m.addParameter(array, "targets");
                m.addStatement("int n = batch * OUTPUT_SIZE");
                m.addStatement("double total = 0");
                m.beginControlFlow("for (int i = 0; i < n; i++)");
                m.addStatement("double p = $L[i]", out);
                m.addStatement("double t = targets[i]");
                m.addStatement("total -= t * Math.max(Math.log(p), -100) + (1 - t) * Math.max(Math.log1p(-p), -100)");
                m.addStatement("$L[i] = $L", delta, narrow("(p - t) / Math.max((1 - p) * p, 1e-12) / n"));
                m.endControlFlow();
                m.addStatement("return total / n");
            }
            case MSE -> {
                m.addJavadoc("Mean squared error over batch and outputs; writes its gradient into $L.\n", delta);
                m.addParameter(array, "targets");
                m.addStatement("int n = batch * OUTPUT_SIZE");
                m.addStatement("double total = 0");
                m.beginControlFlow("for (int i = 0; i < n; i++)");
                m.addStatement("double d = $L[i] - targets[i]", out);
                m.addStatement("total += d * d");
                m.addStatement("$L[i] = $L", delta, narrow("2 * d / n"));
                m.endControlFlow();
                m.addStatement("return total / n");
            }
        }
        type.addMethod(m.build());
    }

    // ---------------------------------------------------------------- backward

    private void backwardMethods() {
        MethodSpec.Builder all = MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Gradients of the mean data loss, last layer first.\n")
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "batch");
        List<Op> ops = plan.ops();
        List<Op> steps = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            if (op instanceof Softmax) continue;
            if (op.inDelta() == null && !(op instanceof Dense) && !(op instanceof BatchNorm)) continue;
            boolean passX = op instanceof Dense && op.in().equals(Plan.INPUT);
            all.addStatement("backward$L($L)", op.method(), passX ? "x, batch" : "batch");
            steps.add(op);
        }
        type.addMethod(all.build());
        for (Op op : steps) {
            if (op instanceof Dense d) {
                backwardDense(d);
            } else if (op instanceof BatchNorm b) {
                backwardBatchNorm(b);
            } else if (op instanceof Dropout d) {
                backwardDropout(d);
            } else if (op instanceof Activation a) {
                backwardActivation(a);
            }
        }
    }

    private void postBackward(MethodSpec.Builder m, Eltwise post, String out, String delta, String size) {
        if (post == null) return;
        m.addComment("$L' from its output", post.kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size);
        m.addStatement("$L", derivative(post, delta + "[i]", delta + "[i]", out + "[i]"));
        m.endControlFlow();
    }

    private void backwardDense(Dense d) {
        int i = d.index();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardDense" + i).addModifiers(Modifier.PRIVATE);
        boolean input = d.in().equals(Plan.INPUT);
        if (input) m.addParameter(array, "x");
        m.addParameter(TypeName.INT, "batch");
        m.addJavadoc("dense$L: dW = xᵀ·dy$L$L.\n", i, d.bias() != null ? ", db = Σ dy" : "",
                d.inDelta() != null ? ", dx = dy·Wᵀ" : "");
        postBackward(m, d.post(), d.out(), d.outDelta(), "OUT_" + i);
        m.addStatement("$T.weightGradient($L, 0, $L, 0, grads, $L, batch, IN_$L, OUT_$L)", DENSE_KERNELS,
                input ? "x" : d.in(), d.outDelta(), d.weight().constant(), i, i);
        if (d.bias() != null) {
            m.addStatement("$T.biasGradient($L, 0, grads, $L, batch, OUT_$L)", DENSE_KERNELS, d.outDelta(),
                    d.bias().constant(), i);
        }
        if (d.inDelta() != null) {
            m.addStatement("$T.inputGradient($L, 0, params, $L, $L, 0, batch, IN_$L, OUT_$L)", DENSE_KERNELS,
                    d.outDelta(), d.weight().constant(), d.inDelta(), i, i);
        }
        type.addMethod(m.build());
    }

    private void backwardBatchNorm(BatchNorm b) {
        int k = b.index();
        String f = "BATCHNORM" + k + "_FEATURES";
        String g = b.gamma().constant();
        String be = b.beta().constant();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardBatchnorm" + k)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("batchnorm$L: dγ = Σ dy·x̂, dβ = Σ dy$L.\n", k,
                b.inDelta() != null ? ", dx = γ/(m·σ)·(m·dy − dβ − x̂·dγ)" : "");
        postBackward(m, b.post(), b.out(), b.outDelta(), f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("grads[$L + j] = 0", g);
        m.addStatement("grads[$L + j] = 0", be);
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$T dy = $L[row + j]", real, b.outDelta());
        m.addStatement("grads[$L + j] += dy * $L[row + j]", g, b.xhat());
        m.addStatement("grads[$L + j] += dy", be);
        m.endControlFlow();
        m.endControlFlow();
        if (b.inDelta() != null) {
            m.beginControlFlow("for (int b = 0; b < batch; b++)");
            m.addStatement("int row = b * $L", f);
            m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
            m.addStatement("$L[row + j] = params[$L + j] * $L[j] / batch * (batch * $L[row + j] - grads[$L + j] - $L[row + j]"
                    + " * grads[$L + j])", b.inDelta(), g, b.invStd(), b.outDelta(), be, b.xhat(), g);
            m.endControlFlow();
            m.endControlFlow();
        }
        type.addMethod(m.build());
    }

    private void backwardDropout(Dropout d) {
        int k = d.index();
        String f = "DROPOUT" + k + "_SIZE";
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardDropout" + k)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("dropout$L: the gradient flows through kept units with the same scale.\n", k);
        postBackward(m, d.post(), d.out(), d.outDelta(), f);
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L[i] = $L[i] * $L[i]", d.inDelta(), d.outDelta(), d.mask());
        m.endControlFlow();
        type.addMethod(m.build());
    }

    private void backwardActivation(Activation a) {
        String f = "ACTIVATION" + a.index() + "_SIZE";
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardActivation" + a.index())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("$L' from its output.\n", a.fn().kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L", derivative(a.fn(), a.inDelta() + "[i]", a.outDelta() + "[i]", a.out() + "[i]"));
        m.endControlFlow();
        type.addMethod(m.build());
    }

    // ---------------------------------------------------------------- update

    private String updateMethod() {
        String w = net.optimizer().kind().word();
        return "update" + Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private boolean clipNorm() {
        return net.clipNorm() > 0;
    }

    private boolean clipValue() {
        return net.clipValue() > 0;
    }

    private void update() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("update")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("One fused pass per trainable tensor: $L, regularization (weights only), $L.\n",
                        clipNorm() ? "clipping by the global norm" : clipValue() ? "clipping by value" : "no clipping",
                        net.optimizer().kind().word());
        m.addStatement("step++");
        String e = dbl ? "double" : "float";
        if (clipNorm()) m.addStatement("$L scale = $L", e, narrow("clipScale()"));
        for (Tensor t : plan.trainable()) {
            m.addStatement("$L($L, $L$L, $L)", updateMethod(), t.constant(), tensorSize.get(t.name()),
                    clipNorm() ? ", scale" : "", t.regularized() ? narrow("l2") + ", " + narrow("l1") : "0, 0");
        }
        type.addMethod(m.build());
        if (clipNorm()) {
            MethodSpec.Builder c = MethodSpec.methodBuilder("clipScale")
                    .addModifiers(Modifier.PRIVATE)
                    .returns(TypeName.DOUBLE)
                    .addJavadoc("Algorithm 7.2 over all trainable tensors together, as a factor for the gradient:\n"
                            + "clip / (‖g‖ + 1e-6) when that is below 1 (PyTorch's clip_grad_norm_), else 1.\n");
            c.addStatement("double s0 = 0, s1 = 0");
            c.addStatement("int i = 0");
            c.beginControlFlow("for (; i + 1 < PARAMETER_COUNT; i += 2)");
            String widen = dbl ? "" : "(double) ";
            c.addStatement("s0 += $Lgrads[i] * grads[i]", widen);
            c.addStatement("s1 += $Lgrads[i + 1] * grads[i + 1]", widen);
            c.endControlFlow();
            c.beginControlFlow("if (i < PARAMETER_COUNT)");
            c.addStatement("s0 += $Lgrads[i] * grads[i]", widen);
            c.endControlFlow();
            c.addStatement("double factor = clip / (Math.sqrt(s0 + s1) + 1e-6)");
            c.addStatement("return factor < 1 ? factor : 1");
            type.addMethod(c.build());
        }
        TypeName elem = dbl ? TypeName.DOUBLE : TypeName.FLOAT;
        MethodSpec.Builder u = MethodSpec.methodBuilder(updateMethod())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "offset")
                .addParameter(TypeName.INT, "length");
        if (clipNorm()) u.addParameter(elem, "scale");
        u.addParameter(elem, "l2").addParameter(elem, "l1");
        OptimizerKind kind = net.optimizer().kind();
        u.addJavadoc("$L over params[offset, offset + length), as torch.optim.$L.\n", kind.word(), torchName(kind));
        if (!dbl) {
            u.addJavadoc("The loop runs in float throughout (as PyTorch's float32 optimizers do), so HotSpot can\n"
                    + "vectorize it: no double temporaries, no conversions, no calls but sqrt.\n");
        }
        hoist(u, "lr", "this.lr");
        switch (kind) {
            case MOMENTUM, NESTEROV -> hoist(u, "rho", "this.rho");
            case ADAGRAD -> hoist(u, "eps", "this.eps");
            case ADADELTA, RMSPROP -> {
                hoist(u, "rho", "this.rho");
                hoist(u, "eps", "this.eps");
            }
            case ADAM, ADAMW -> {
                hoist(u, "beta1", "this.beta1");
                hoist(u, "beta2", "this.beta2");
                hoist(u, "eps", "this.eps");
                hoist(u, "stepSize", "this.lr / (1 - Math.pow(this.beta1, step))");
                hoist(u, "correction2", "Math.sqrt(1 - Math.pow(this.beta2, step))");
                if (kind == OptimizerKind.ADAMW) hoist(u, "decay", "1 - this.lr * wd");
            }
            case SGD -> {}
        }
        if (clipValue()) hoist(u, "clip", "this.clip");
        u.beginControlFlow("if (l1 == 0)");
        u.addComment("no L1 term here (biases, γ, β, or l1 = 0): the branch-free loop");
        updateLoop(u, kind, false);
        u.nextControlFlow("else");
        updateLoop(u, kind, true);
        u.endControlFlow();
        type.addMethod(u.build());
    }

    /** {@code E name = (E) (expr);} with E the element type, so the update loop needs no conversions. */
    private void hoist(MethodSpec.Builder u, String name, String expr) {
        u.addStatement("$L $L = $L", dbl ? "double" : "float", name, narrow(expr));
    }

    private String sqrt(String x) {
        return dbl ? "Math.sqrt(" + x + ")" : "(float) Math.sqrt(" + x + ")";
    }

    /** One element: clip, regularize (weights only), then the optimizer's step, all in the element type. */
    private void updateLoop(MethodSpec.Builder u, OptimizerKind kind, boolean l1) {
        String e = dbl ? "double" : "float";
        u.beginControlFlow("for (int i = offset, end = offset + length; i < end; i++)");
        if (clipNorm()) {
            u.addStatement("$L g = grads[i] * scale", e);
        } else if (clipValue()) {
            u.addStatement("$L g = Math.max(-clip, Math.min(clip, grads[i]))", e);
        } else {
            u.addStatement("$L g = grads[i]", e);
        }
        u.addStatement("$L w = params[i]", e);
        u.addStatement(l1 ? "g += l2 * w + l1 * Math.signum(w)" : "g += l2 * w");
        switch (kind) {
            case SGD -> u.addStatement("params[i] = w - lr * g");
            case MOMENTUM -> {
                u.addStatement("$L v = rho * velocity[i] + g", e);
                u.addStatement("velocity[i] = v");
                u.addStatement("params[i] = w - lr * v");
            }
            case NESTEROV -> {
                u.addStatement("$L v = rho * velocity[i] + g", e);
                u.addStatement("velocity[i] = v");
                u.addStatement("params[i] = w - lr * (g + rho * v)");
            }
            case ADAGRAD -> {
                u.addStatement("$L s = sum[i] + g * g", e);
                u.addStatement("sum[i] = s");
                u.addStatement("params[i] = w - lr * g / ($L + eps)", sqrt("s"));
            }
            case ADADELTA -> {
                u.addStatement("$L sq = rho * squareAvg[i] + (1 - rho) * g * g", e);
                u.addStatement("squareAvg[i] = sq");
                u.addStatement("$L delta = $L / $L * g", e, sqrt("accDelta[i] + eps"), sqrt("sq + eps"));
                u.addStatement("accDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta");
                u.addStatement("params[i] = w - lr * delta");
            }
            case RMSPROP -> {
                u.addStatement("$L sq = rho * squareAvg[i] + (1 - rho) * g * g", e);
                u.addStatement("squareAvg[i] = sq");
                u.addStatement("params[i] = w - lr * g / ($L + eps)", sqrt("sq"));
            }
            case ADAM, ADAMW -> {
                if (kind == OptimizerKind.ADAMW) {
                    u.addComment("decoupled weight decay on every trainable tensor, before the adam step");
                    u.addStatement("w *= decay");
                }
                u.addStatement("$L mi = beta1 * m[i] + (1 - beta1) * g", e);
                u.addStatement("$L vi = beta2 * v[i] + (1 - beta2) * g * g", e);
                u.addStatement("m[i] = mi");
                u.addStatement("v[i] = vi");
                u.addStatement("params[i] = w - stepSize * mi / ($L / correction2 + eps)", sqrt("vi"));
            }
        }
        u.endControlFlow();
    }

    private static String torchName(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> "SGD";
            case MOMENTUM -> "SGD(momentum=rho)";
            case NESTEROV -> "SGD(momentum=rho, nesterov=True)";
            case ADAGRAD -> "Adagrad";
            case ADADELTA -> "Adadelta";
            case RMSPROP -> "RMSprop(alpha=rho)";
            case ADAM -> "Adam";
            case ADAMW -> "AdamW";
        };
    }

    // ---------------------------------------------------------------- tensors, reset

    private void tensors() {
        getter("parameters", PARAMETERS, "$L", "parameterTable");
        getter("gradients", PARAMETERS, "$L", "gradientTable");
        getter("optimizerState", PARAMETERS, "$L", "stateTable");
        getter("optimizerStep", TypeName.LONG, "$L", "step");
        getter("random", RNG, "$L", "rng");
        type.addMethod(MethodSpec.methodBuilder("setOptimizerStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.LONG, "step")
                .addStatement("this.step = step")
                .build());

        MethodSpec.Builder r = MethodSpec.methodBuilder("reset")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.LONG, "seed");
        r.addStatement("rng.reseed(seed)");
        r.addStatement("$T.fill(grads, 0)", ARRAYS);
        for (String[] s : state) r.addStatement("$T.fill($L, 0)", ARRAYS, s[0]);
        r.addStatement("step = 0");
        r.addStatement("initialize()");
        type.addMethod(r.build());

        MethodSpec.Builder init = MethodSpec.methodBuilder("initialize")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Draws layer by layer; each dense layer's weights row-major [in][out].\n");
        for (Layer layer : net.layers()) {
            if (layer instanceof Layer.Dense d) {
                Tensor w = tensor(d.name() + ".weight");
                init.addStatement(initializer(d.init(), w.constant(), "IN_" + d.index(), "OUT_" + d.index()));
                if (d.bias()) {
                    Tensor b = tensor(d.name() + ".bias");
                    init.addStatement("$T.fill(params, $L, $L + OUT_$L, 0)", ARRAYS, b.constant(), b.constant(),
                            d.index());
                }
            } else if (layer instanceof Layer.BatchNorm bn) {
                String f = "BATCHNORM" + bn.index() + "_FEATURES";
                for (String[] t : new String[][] {{"gamma", "params", "1"}, {"beta", "params", "0"},
                        {"running_mean", "stats", "0"}, {"running_var", "stats", "1"}}) {
                    Tensor x = tensor(bn.name() + "." + t[0]);
                    init.addStatement("$T.fill($L, $L, $L + $L, $L)", ARRAYS, t[1], x.constant(), x.constant(), f,
                            t[2]);
                }
            }
        }
        type.addMethod(init.build());
    }

    private Tensor tensor(String name) {
        for (Tensor t : plan.tensors()) {
            if (t.name().equals(name)) return t;
        }
        throw new IllegalStateException(name);
    }

    private CodeBlock initializer(Init init, String offset, String in, String out) {
        String length = in + " * " + out;
        return switch (init.kind()) {
            case ZEROS -> CodeBlock.of("$T.fill(params, $L, $L + $L, 0)", ARRAYS, offset, offset, length);
            case CONSTANT -> CodeBlock.of("$T.fill(params, $L, $L + $L, $L)", ARRAYS, offset, offset, length,
                    narrowLiteral(init.arg(0)));
            case GAUSSIAN -> CodeBlock.of("$T.gaussian(rng, params, $L, $L, $L, $L)", INITIALIZERS, offset, length,
                    literal(init.arg(0)), literal(init.arg(1)));
            case UNIFORM -> CodeBlock.of("$T.uniform(rng, params, $L, $L, $L, $L)", INITIALIZERS, offset, length,
                    literal(init.arg(0)), literal(init.arg(1)));
            case XAVIER_UNIFORM -> CodeBlock.of("$T.xavierUniform(rng, params, $L, $L, $L, $L)", INITIALIZERS,
                    offset, in, out, literal(init.arg(0)));
            case XAVIER_NORMAL -> CodeBlock.of("$T.xavierNormal(rng, params, $L, $L, $L, $L)", INITIALIZERS,
                    offset, in, out, literal(init.arg(0)));
            case HE_UNIFORM -> CodeBlock.of("$T.heUniform(rng, params, $L, $L, $L)", INITIALIZERS, offset, in, out);
            case HE_NORMAL -> CodeBlock.of("$T.heNormal(rng, params, $L, $L, $L)", INITIALIZERS, offset, in, out);
            case LECUN_NORMAL -> CodeBlock.of("$T.lecunNormal(rng, params, $L, $L, $L)", INITIALIZERS, offset, in,
                    out);
        };
    }

    // ---------------------------------------------------------------- hyperparameters

    private void hyperparameterMethods() {
        getter("learningRate", TypeName.DOUBLE, "$L", "lr");
        type.addMethod(MethodSpec.methodBuilder("setLearningRate")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.DOUBLE, "lr")
                .addStatement("setHyperparameter($S, lr)", "lr")
                .build());
        List<String> names = hyperparameters(net);
        String known = String.join(", ", names);
        MethodSpec.Builder s = MethodSpec.methodBuilder("setHyperparameter")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "name")
                .addParameter(TypeName.DOUBLE, "value");
        s.beginControlFlow("if (!(value >= 0) || Double.isInfinite(value))");
        s.addStatement("throw new $T($S + name + $S + value)", IllegalArgumentException.class, "hyperparameter ",
                " must be a finite number >= 0, got ");
        s.endControlFlow();
        List<String> unit = names.stream().filter(n -> n.equals("rho") || n.startsWith("beta")).toList();
        if (!unit.isEmpty()) {
            StringBuilder cond = new StringBuilder();
            for (String n : unit) cond.append(cond.length() > 0 ? " || " : "").append("name.equals(\"").append(n)
                    .append("\")");
            s.beginControlFlow("if (value >= 1 && ($L))", cond);
            s.addStatement("throw new $T($S + name + $S + value)", IllegalArgumentException.class, "hyperparameter ",
                    " must be in [0, 1), got ");
            s.endControlFlow();
        }
        s.beginControlFlow("switch (name)");
        for (String n : names) {
            s.addStatement("case $S: $L = value; break", n, n);
        }
        s.addStatement("default: throw new $T($S + name + $S)", IllegalArgumentException.class,
                "network " + net.name() + " has no hyperparameter '", "'; known: " + known);
        s.endControlFlow();
        type.addMethod(s.build());

        MethodSpec.Builder g = MethodSpec.methodBuilder("hyperparameter")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(String.class, "name");
        g.beginControlFlow("switch (name)");
        for (String n : names) g.addStatement("case $S: return $L", n, n);
        g.addStatement("default: throw new $T($S + name + $S)", IllegalArgumentException.class,
                "network " + net.name() + " has no hyperparameter '", "'; known: " + known);
        g.endControlFlow();
        type.addMethod(g.build());
    }

    private void dropoutMethods() {
        List<Dropout> dropouts = plan.dropouts();
        getter("dropoutLayers", TypeName.INT, "$L", dropouts.size());
        MethodSpec.Builder s = MethodSpec.methodBuilder("setDropout")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.INT, "i")
                .addParameter(TypeName.DOUBLE, "p");
        s.beginControlFlow("if (!(p >= 0 && p < 1))");
        s.addStatement("throw new $T($S + p)", IllegalArgumentException.class,
                "dropout probability must be in [0, 1), got ");
        s.endControlFlow();
        s.beginControlFlow("switch (i)");
        for (int k = 0; k < dropouts.size(); k++) s.addStatement("case $L: $L = p; break", k, dropouts.get(k).field());
        s.addStatement("default: throw new $T($S + i)", IllegalArgumentException.class,
                "network " + net.name() + " has " + dropouts.size() + " dropout layers, got index ");
        s.endControlFlow();
        type.addMethod(s.build());

        MethodSpec.Builder g = MethodSpec.methodBuilder("dropout")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "i");
        g.beginControlFlow("switch (i)");
        for (int k = 0; k < dropouts.size(); k++) g.addStatement("case $L: return $L", k, dropouts.get(k).field());
        g.addStatement("default: throw new $T($S + i)", IllegalArgumentException.class,
                "network " + net.name() + " has " + dropouts.size() + " dropout layers, got index ");
        g.endControlFlow();
        type.addMethod(g.build());
    }

    private void batchNormMethods() {
        List<BatchNorm> bns = plan.batchNorms();
        getter("batchNormLayers", TypeName.INT, "$L", bns.size());
        String range = "network " + net.name() + " has " + bns.size() + " batchnorm layers, got index ";
        MethodSpec.Builder pop = MethodSpec.methodBuilder("batchNormPopulation")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(TypeName.INT, "i");
        pop.beginControlFlow("switch (i)");
        for (int k = 0; k < bns.size(); k++) {
            pop.addStatement("case $L: return $L", k, bns.get(k).stats() == BatchNormStats.POPULATION);
        }
        pop.addStatement("default: throw new $T($S + i)", IllegalArgumentException.class, range);
        pop.endControlFlow();
        type.addMethod(pop.build());

        MethodSpec.Builder begin = MethodSpec.methodBuilder("beginPopulationStatistics")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.INT, "i");
        begin.beginControlFlow("if (i < 0 || i >= $L)", bns.size());
        begin.addStatement("throw new $T($S + i)", IllegalArgumentException.class, range);
        begin.endControlFlow();
        if (!bns.isEmpty()) {
            begin.addStatement("populationLayer = i");
            begin.addStatement("populationCount = 0");
            begin.addStatement("$T.fill(populationMean, 0)", ARRAYS);
            begin.addStatement("$T.fill(populationM2, 0)", ARRAYS);
        }
        type.addMethod(begin.build());

        MethodSpec.Builder acc = MethodSpec.methodBuilder("accumulatePopulationStatistics")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "batch");
        MethodSpec.Builder end = MethodSpec.methodBuilder("endPopulationStatistics")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        if (bns.isEmpty()) {
            acc.addStatement("throw new $T($S)", IllegalStateException.class,
                    "network " + net.name() + " has no batchnorm layers");
            end.addStatement("throw new $T($S)", IllegalStateException.class,
                    "network " + net.name() + " has no batchnorm layers");
        } else {
            acc.addJavadoc("Inference-mode forward up to the current batchnorm, then its input's statistics.\n");
            acc.addStatement("checkBatch(batch)");
            acc.addStatement("checkLength($S, x.length, batch * INPUT_SIZE)", "x");
            acc.beginControlFlow("switch (populationLayer)");
            List<Op> ops = plan.ops();
            for (int k = 0; k < bns.size(); k++) {
                BatchNorm b = bns.get(k);
                acc.addCode("case $L:\n$>", k);
                for (Op op : ops) {
                    if (op == b) break;
                    acc.addStatement("$L", forwardCall(op, false, "0"));
                }
                acc.addStatement("accumulatePopulation($L, batch, BATCHNORM$L_FEATURES)",
                        b.in().equals(Plan.INPUT) ? "x" : b.in(), b.index());
                acc.addStatement("break");
                acc.addCode("$<");
            }
            acc.addStatement("default: throw new $T($S)", IllegalStateException.class,
                    "call beginPopulationStatistics(i) first");
            acc.endControlFlow();

            end.addJavadoc("Stores the exact mean and unbiased variance as the layer's running statistics.\n");
            end.beginControlFlow("switch (populationLayer)");
            for (int k = 0; k < bns.size(); k++) {
                BatchNorm b = bns.get(k);
                end.addStatement("case $L: storePopulation($L, $L, BATCHNORM$L_FEATURES); break", k,
                        b.runningMean().constant(), b.runningVar().constant(), b.index());
            }
            end.addStatement("default: throw new $T($S)", IllegalStateException.class,
                    "call beginPopulationStatistics(i) first");
            end.endControlFlow();
            end.addStatement("populationLayer = -1");

            MethodSpec.Builder a = MethodSpec.methodBuilder("accumulatePopulation")
                    .addModifiers(Modifier.PRIVATE)
                    .addJavadoc("Merges one batch's mean and sum of squared deviations into the running totals\n"
                            + "(Chan et al.'s pairwise update), exact without a second pass over the data.\n")
                    .addParameter(array, "a")
                    .addParameter(TypeName.INT, "batch")
                    .addParameter(TypeName.INT, "features");
            a.beginControlFlow("for (int j = 0; j < features; j++)");
            a.addStatement("populationBatchMean[j] = 0");
            a.addStatement("populationBatchM2[j] = 0");
            a.endControlFlow();
            a.beginControlFlow("for (int b = 0; b < batch; b++)");
            a.beginControlFlow("for (int j = 0; j < features; j++)");
            a.addStatement("populationBatchMean[j] += a[b * features + j]");
            a.endControlFlow();
            a.endControlFlow();
            a.beginControlFlow("for (int j = 0; j < features; j++)");
            a.addStatement("populationBatchMean[j] /= batch");
            a.endControlFlow();
            a.beginControlFlow("for (int b = 0; b < batch; b++)");
            a.beginControlFlow("for (int j = 0; j < features; j++)");
            a.addStatement("double d = a[b * features + j] - populationBatchMean[j]");
            a.addStatement("populationBatchM2[j] += d * d");
            a.endControlFlow();
            a.endControlFlow();
            a.addStatement("long n = populationCount + batch");
            a.beginControlFlow("for (int j = 0; j < features; j++)");
            a.addStatement("double delta = populationBatchMean[j] - populationMean[j]");
            a.addStatement("populationMean[j] += delta * batch / n");
            a.addStatement("populationM2[j] += populationBatchM2[j] + delta * delta * populationCount * batch / n");
            a.endControlFlow();
            a.addStatement("populationCount = n");
            type.addMethod(a.build());

            MethodSpec.Builder st = MethodSpec.methodBuilder("storePopulation")
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(TypeName.INT, "meanOffset")
                    .addParameter(TypeName.INT, "varOffset")
                    .addParameter(TypeName.INT, "features");
            st.beginControlFlow("for (int j = 0; j < features; j++)");
            st.addStatement("stats[meanOffset + j] = $L", narrow("populationMean[j]"));
            st.addStatement("stats[varOffset + j] = $L",
                    narrow("populationCount > 1 ? populationM2[j] / (populationCount - 1) : 0"));
            st.endControlFlow();
            type.addMethod(st.build());
        }
        type.addMethod(acc.build());
        type.addMethod(end.build());
    }

    private void views() {
        for (Map.Entry<String, Integer> v : options.layerViews().entrySet()) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(v.getKey())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(DENSE_LAYER)
                    .addJavadoc("Live view of dense$L and its block.\n", v.getValue())
                    .addStatement("return $LView", v.getKey());
            if (options.interfaceName() != null) m.addAnnotation(Override.class);
            type.addMethod(m.build());
        }
    }

    private void helpers() {
        MethodSpec.Builder c = MethodSpec.methodBuilder("checkBatch")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        c.beginControlFlow("if (batch < 1 || batch > maxBatch)");
        c.addStatement("throw new $T($S + maxBatch + $S + batch)", IllegalArgumentException.class,
                "batch must be between 1 and maxBatch = ", ", got ");
        c.endControlFlow();
        type.addMethod(c.build());

        MethodSpec.Builder l = MethodSpec.methodBuilder("checkLength")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(String.class, "array")
                .addParameter(TypeName.INT, "length")
                .addParameter(TypeName.INT, "needed");
        l.beginControlFlow("if (length < needed)");
        l.addStatement("throw new $T(array + $S + length + $S + needed)", IllegalArgumentException.class,
                " holds ", " values, the batch needs ");
        l.endControlFlow();
        type.addMethod(l.build());
    }

    // ---------------------------------------------------------------- expressions

    /** A double-valued expression stored into an element of the generated precision. */
    private String narrow(String expr) {
        if (dbl) return expr;
        if (expr.matches("[\\w.\\[\\] +]*") && !expr.contains(" ")) return "(float) " + expr;
        if (expr.matches("[\\w.]+\\([^()]*\\)")) return "(float) " + expr;
        return "(float) (" + expr + ")";
    }

    private String narrowLiteral(double v) {
        return dbl ? literal(v) : Float.toString((float) v) + "f";
    }

    static String literal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
        return Double.toString(v);
    }

    /** The spec's file name without its folder, so the output does not depend on where it was built. */
    static String specName(String specFile) {
        int slash = Math.max(specFile.lastIndexOf('/'), specFile.lastIndexOf('\\'));
        return specFile.substring(slash + 1);
    }
}
