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
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.processor.generator.Plan.Buffer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.ElementType;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Prints a {@link Plan} as the Java source of one network class (SPEC §4). What is particular to a layer kind is
 * printed by its {@link Op}, to a loss by its {@link LossWriter}, to an optimizer by its {@link OptimizerWriter};
 * this class writes the class around them and offers them its helpers.
 */
final class NetworkWriter {
    private static final String RUNTIME = "dev.castnet.runtime";
    private static final ClassName TRAINABLE = ClassName.get(RUNTIME, "TrainableNetwork");
    private static final ClassName PARAMETERS = ClassName.get(RUNTIME, "Parameters");
    private static final ClassName TENSOR_TABLE = ClassName.get(RUNTIME, "TensorTable");
    private static final ClassName RNG = ClassName.get(RUNTIME, "Rng");
    static final ClassName DENSE_KERNELS = ClassName.get(RUNTIME + ".kernel", "DenseKernels");
    static final ClassName INITIALIZERS = ClassName.get(RUNTIME + ".generated", "Initializers");
    static final ClassName ROW_TASK = ClassName.get(RUNTIME + ".kernel", "RowTask");
    static final ClassName FLOAT_MATH = ClassName.get(RUNTIME + ".kernel", "FloatMath");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

    /** The functions of java.lang.Math generated code may call, imported statically. */
    static final List<String> MATH = List.of("exp", "expm1", "log", "log1p", "max", "min", "pow", "signum", "sqrt",
            "tanh");

    private static final Modifier[] PUBLIC_CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};
    private static final Modifier[] PRIVATE_CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

    private final Plan plan;
    private final Network net;
    private final GenerationOptions options;
    private final boolean dbl;
    private final TypeName real;
    private final TypeName array;
    /** Buffer name → constant expression of its per-sample (or total) size. */
    private final Map<String, String> bufferSize = new LinkedHashMap<>();
    private final OptimizerWriter optimizer;
    private final LossWriter loss;
    private final TypeSpec.Builder type;

    NetworkWriter(Plan plan, GenerationOptions options) {
        this(plan, options, TypeSpec.classBuilder(plan.network().className()));
    }

    /** A writer whose ops add their methods to {@code target}: another class of the same plan (the int8 class). */
    NetworkWriter(Plan plan, GenerationOptions options, TypeSpec.Builder target) {
        this.plan = plan;
        this.net = plan.network();
        this.options = options;
        this.dbl = plan.doublePrecision();
        this.real = dbl ? TypeName.DOUBLE : TypeName.FLOAT;
        this.array = ArrayTypeName.of(real);
        this.optimizer = OptimizerWriter.of(net.optimizer().kind());
        this.loss = LossWriter.of(net.loss());
        this.type = target;
        for (Buffer b : plan.buffers()) bufferSize.put(b.name(), b.size());
    }

    /** Hyperparameters this network accepts by name, in a stable order. */
    static List<String> hyperparameters(Network net) {
        List<String> names = new ArrayList<>(net.optimizer().kind().keys());
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
        for (Op op : plan.ops()) op.forward(this);
        lossMethod();
        backwardMethods();
        update();
        tensors();
        hyperparameterMethods();
        dropoutMethods();
        batchNormMethods();
        views();
        PruningWriter.write(this);
        Quantization.writeObserver(this);
        helpers();
        TypeSpec built = type.build();
        JavaFile.Builder file = JavaFile.builder(net.packageName(), built)
                .addFileComment("Generated by castnet from $L (spec fingerprint $L).\n", specName(net.specFile()),
                        net.fingerprint())
                .addFileComment("Do not edit: change the spec and generate again.")
                .skipJavaLangImports(true)
                .indent("    ");
        // Math's functions by static import, so a network or a type of the user's package named Math cannot
        // shadow java.lang.Math; only those the code calls
        String body = built.toString();
        List<String> used = new ArrayList<>();
        for (String fn : MATH) {
            if (java.util.regex.Pattern.compile("(?<![\\w.])" + fn + "\\(").matcher(body).find()) used.add(fn);
        }
        if (!used.isEmpty()) file.addStaticImport(ClassName.get("java.lang", "Math"), used.toArray(String[]::new));
        String qualified = net.packageName().isEmpty() ? net.className() : net.packageName() + "." + net.className();
        return new GeneratedSource(qualified, file.build().toString());
    }

    // ---------------------------------------------------------------- documentation
    // ---------------------------------------------------------------- helpers for the ops

    boolean dbl() {
        return dbl;
    }

    /** The element type: float or double. */
    TypeName real() {
        return real;
    }

    TypeName array() {
        return array;
    }

    void add(MethodSpec method) {
        type.addMethod(method);
    }

    void add(FieldSpec field) {
        type.addField(field);
    }

    /**
     * {@code forward(x, batch, out)}: checks the arguments, runs {@code forwardInference} and copies the output.
     * Shared by the training class and the int8 class, which first checks that a checkpoint was loaded.
     */
    static MethodSpec forwardMethod(Plan plan, TypeName array, boolean checkLoaded) {
        MethodSpec.Builder f = MethodSpec.methodBuilder("forward")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "batch")
                .addParameter(array, "out");
        if (checkLoaded) f.addStatement("checkLoaded()");
        f.addStatement("checkBatch(batch)");
        f.addStatement("checkLength($S, x.length, batch * INPUT_SIZE)", "x");
        f.addStatement("checkLength($S, out.length, batch * OUTPUT_SIZE)", "out");
        f.addStatement("forwardInference(x, 0, batch)");
        f.addStatement("$T.arraycopy($L, 0, out, 0, batch * OUTPUT_SIZE)", System.class, plan.outputBuffer());
        return f.build();
    }

    /**
     * {@code predict(x, offset)}: one sample through {@code forwardInference}, then the index of the largest output
     * (or the one output thresholded at 0.5). Shared by the training class and the int8 class, which first checks
     * that a checkpoint was loaded.
     */
    static MethodSpec predictMethod(Plan plan, TypeName array, boolean checkLoaded) {
        MethodSpec.Builder p = MethodSpec.methodBuilder("predict")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "offset");
        if (checkLoaded) p.addStatement("checkLoaded()");
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
        return p.build();
    }

    Plan plan() {
        return plan;
    }

    /** The optimizer's state arrays, laid out as {@code params}. */
    List<OptimizerWriter.State> optimizerStates() {
        return optimizer.states();
    }

    /** {@code [batch][SIZE]} or {@code [SIZE]}: a buffer's shape as its javadoc shows it. */
    String shape(String buffer) {
        String size = bufferSize.get(buffer);
        for (Buffer b : plan.buffers()) {
            if (b.name().equals(buffer)) return b.batched() ? "[batch][" + size + "]" : "[" + size + "]";
        }
        throw new IllegalArgumentException(buffer);
    }

    /** The op as a reader of the class names it: {@code dense0}, {@code activation1}, {@code softmax}. */
    String layerWord(Op op) {
        return Character.toLowerCase(op.method().charAt(0)) + op.method().substring(1);
    }

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
        return (layer.name().equals(layer.print().split(" ")[0]) ? "" : layer.name() + ": ") + layer.print()
                + " (" + layer.in() + " -> " + layer.out() + ")";
    }

    // ---------------------------------------------------------------- constants and fields

    private void constants() {
        constant(PUBLIC_CONSTANT, "INPUT_SIZE", String.valueOf(plan.inputSize()), null);
        constant(PUBLIC_CONSTANT, "OUTPUT_SIZE", String.valueOf(plan.outputSize()), null);
        for (Op op : plan.ops()) {
            for (Constant c : op.constants()) {
                constant(c.isPublic() ? PUBLIC_CONSTANT : PRIVATE_CONSTANT, c.name(), String.valueOf(c.value()),
                        c.doc());
            }
        }
        if (plan.ops(DenseOp.class).stream().anyMatch(d -> d.post() != null)) {
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
        constant(PRIVATE_CONSTANT, "PARAMETER_BASE", String.valueOf(plan.parameterBase()),
                "Where the trainable tensors start in params, grads and the optimizer state: the element that starts a"
                        + " 64-byte cache line in an array from DenseKernels."
                        + (dbl ? "alignedDoubles" : "alignedFloats"));
        constant(PRIVATE_CONSTANT, "PARAMETER_END", String.valueOf(plan.parameterBase() + plan.parameterCount()),
                "Where the trainable tensors end in params, grads and the optimizer state");
        constant(PRIVATE_CONSTANT, "STATISTICS_COUNT", String.valueOf(plan.statisticsCount()),
                "Batchnorm running means and variances");
        type.addField(FieldSpec.builder(TypeName.LONG, "PARAMETER_BYTES", PUBLIC_CONSTANT)
                .initializer("$LL", plan.parameterBytes())
                .addJavadoc("Bytes of every stored tensor plus the trainable tensors' gradients.\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.LONG, "ACTIVATION_BYTES_PER_SAMPLE", PUBLIC_CONSTANT)
                .initializer("$LL", plan.activationBytesPerSample())
                .addJavadoc("Bytes per sample of the buffers a step works in: layer outputs, their gradients and the\n"
                        + "layers' caches, exactly as the constructor allocates them for maxBatch samples.\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.LONG, "WORKSPACE_BYTES", PUBLIC_CONSTANT)
                .initializer("$LL", plan.workspaceBytes())
                .addJavadoc("Bytes of the arrays whose size does not depend on the batch (per-feature statistics).\n")
                .build());
        type.addField(FieldSpec.builder(TypeName.LONG, "OPTIMIZER_STATE_BYTES", PUBLIC_CONSTANT)
                .initializer("$LL", plan.optimizerStateBytes())
                .build());
        int population = Lowering.populationFeatures(plan);
        if (population > 0) {
            constant(PRIVATE_CONSTANT, "POPULATION_FEATURES", String.valueOf(population),
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
        for (OptimizerWriter.State s : optimizer.states()) {
            field(array, s.field(), "Optimizer state {@code ." + s.suffix() + "}, laid out as {@code params}.",
                    Modifier.PRIVATE, Modifier.FINAL);
        }
        for (Buffer b : plan.buffers()) {
            if (b.type() == ElementType.DOUBLE) continue; // the whole-dataset accumulators, declared below
            field(elementArray(b), b.name(), bufferDoc(b), Modifier.PRIVATE, Modifier.FINAL);
        }
        field(TENSOR_TABLE, "parameterTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TENSOR_TABLE, "gradientTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TENSOR_TABLE, "stateTable", null, Modifier.PRIVATE, Modifier.FINAL);
        field(TypeName.LONG, "step", "Optimizer steps taken: t of Adam's bias correction.", Modifier.PRIVATE);
        for (String h : hyperparameters(net)) {
            type.addField(FieldSpec.builder(TypeName.DOUBLE, h, Modifier.PRIVATE)
                    .initializer("$L", literal(initialHyperparameter(h)))
                    .build());
        }
        for (DropoutOp d : plan.ops(DropoutOp.class)) {
            type.addField(FieldSpec.builder(TypeName.DOUBLE, d.field(), Modifier.PRIVATE)
                    .initializer("$L", literal(d.p()))
                    .addJavadoc("Drop probability of dropout$L.\n", d.index())
                    .build());
        }
        if (!plan.ops(BatchNormOp.class).isEmpty()) {
            type.addField(FieldSpec.builder(TypeName.INT, "populationLayer", Modifier.PRIVATE)
                    .initializer("-1")
                    .addJavadoc("Batchnorm layer whose whole-dataset statistics are being computed, or -1.\n")
                    .build());
            field(TypeName.LONG, "populationCount", null, Modifier.PRIVATE);
            for (String n : List.of("populationMean", "populationM2", "populationBatchMean", "populationBatchM2")) {
                field(ArrayTypeName.of(TypeName.DOUBLE), n, null, Modifier.PRIVATE, Modifier.FINAL);
            }
        }
        for (Map.Entry<String, String> v : options.layerViews().entrySet()) {
            field(Views.viewType(view(v.getValue())), v.getKey() + "View", null, Modifier.PRIVATE, Modifier.FINAL);
        }
    }
    /** The array type of a buffer's elements. */
    private TypeName elementArray(Buffer b) {
        return switch (b.type()) {
            case REAL -> array;
            case INT -> ArrayTypeName.of(TypeName.INT);
            case DOUBLE -> ArrayTypeName.of(TypeName.DOUBLE);
        };
    }

    private String bufferDoc(Buffer b) {
        for (Op op : plan.ops()) {
            String doc = op.describe(b.name(), this);
            if (doc != null) return doc;
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
        String aligned = dbl ? "alignedDoubles" : "alignedFloats";
        m.addStatement("params = $T.$L(PARAMETER_END)", DENSE_KERNELS, aligned);
        m.addStatement("grads = $T.$L(PARAMETER_END)", DENSE_KERNELS, aligned);
        m.addStatement("stats = new $T[STATISTICS_COUNT]", real);
        for (OptimizerWriter.State s : optimizer.states()) {
            m.addStatement("$L = $T.$L(PARAMETER_END)", s.field(), DENSE_KERNELS, aligned);
        }
        List<Buffer> accumulators = new ArrayList<>();
        for (Buffer b : plan.buffers()) {
            if (b.type() == ElementType.DOUBLE) {
                accumulators.add(b);
                continue;
            }
            TypeName t = b.type() == ElementType.INT ? TypeName.INT : real;
            if (b.batched()) {
                m.addStatement("$L = new $T[maxBatch * $L]", b.name(), t, b.size());
            } else {
                m.addStatement("$L = new $T[$L]", b.name(), t, b.size());
            }
        }
        for (Buffer b : accumulators) m.addStatement("$L = new double[$L]", b.name(), b.size());
        m.addStatement("parameterTable = new $T()", TENSOR_TABLE);
        m.addStatement("gradientTable = new $T()", TENSOR_TABLE);
        m.addStatement("stateTable = new $T()", TENSOR_TABLE);
        List<CodeBlock> tables = new ArrayList<>();
        for (Tensor t : plan.tensors()) {
            tables.add(CodeBlock.of("parameterTable.add($S, new int[] {$L}, $L, $L)", t.name(), t.shape(),
                    t.trainable() ? "params" : "stats", t.constant()));
        }
        for (Tensor t : plan.trainable()) {
            tables.add(CodeBlock.of("gradientTable.add($S, new int[] {$L}, grads, $L)", t.name(), t.shape(),
                    t.constant()));
        }
        for (Tensor t : plan.trainable()) {
            for (OptimizerWriter.State s : optimizer.states()) {
                tables.add(CodeBlock.of("stateTable.add($S, new int[] {$L}, $L, $L)", t.name() + "." + s.suffix(),
                        t.shape(), s.field(), t.constant()));
            }
        }
        if (tables.size() <= CHUNK) {
            for (CodeBlock c : tables) m.addStatement(c);
        } else {
            MethodSpec.Builder register = MethodSpec.methodBuilder("registerTensors").addModifiers(Modifier.PRIVATE);
            addChunked(register, "registerTensors", tables);
            type.addMethod(register.build());
            m.addStatement("registerTensors()");
        }
        for (Map.Entry<String, String> v : options.layerViews().entrySet()) {
            Op op = view(v.getValue());
            m.addStatement("$LView = $L", v.getKey(), Views.create(plan, op, blockOutput(op)));
        }
        m.addStatement("initialize()");
        type.addMethod(m.build());
    }

    /** The op a layer view shows, by the layer's name in the model. */
    private Op view(String layer) {
        for (Op op : plan.ops()) {
            if (layer.equals(op.layerName())) return op;
        }
        throw new IllegalArgumentException("layer view names layer " + layer + ", but network " + net.name()
                + " has no such layer");
    }

    /** Where the block of a layer view ends: the output of the last op before the next layer with weights. */
    String blockOutput(Op first) {
        List<Op> ops = plan.ops();
        int i = ops.indexOf(first);
        int j = i;
        while (j + 1 < ops.size() && !weighted(ops.get(j + 1))) j++;
        return ops.get(j).out();
    }

    private static boolean weighted(Op op) {
        return op instanceof DenseOp || op instanceof Conv2dOp || op instanceof RecurrentOp;
    }

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
        getter("activationBytes", TypeName.LONG, "$L", "maxBatch * ACTIVATION_BYTES_PER_SAMPLE + WORKSPACE_BYTES");
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
        boolean labels = loss.labels();
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
        m.addStatement("double loss = $L(batch, $L)", loss.method(), labels ? "labels" : "targets");
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
        List<CodeBlock> calls = new ArrayList<>();
        for (Op op : plan.ops()) {
            // cross_entropy's loss computes the softmax itself, sharing the exponentials of its log-sum-exp
            if (op instanceof SoftmaxOp && net.loss() == LossKind.CROSS_ENTROPY) continue;
            calls.add(CodeBlock.of("$L", op.forwardCall(true, "0")));
        }
        addChunked(f, "forwardTraining", calls);
        type.addMethod(f.build());
    }

    private void inference() {
        type.addMethod(forwardMethod(plan, array, false));

        type.addMethod(predictMethod(plan, array, false));
        String out = plan.outputBuffer();

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
        List<CodeBlock> calls = new ArrayList<>();
        for (Op op : plan.ops()) calls.add(CodeBlock.of("$L", op.forwardCall(false, "xOff")));
        addChunked(f2, "forwardInference", calls);
        type.addMethod(f2.build());
    }

    // ---------------------------------------------------------------- forward kernels

    // ---------------------------------------------------------------- forward helpers

    MethodSpec.Builder opMethod(String name, Op op, boolean readsInput) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE);
        if (readsInput && op.in().equals(Plan.INPUT)) {
            m.addParameter(array, "x").addParameter(TypeName.INT, "xOff");
        }
        m.addParameter(TypeName.INT, "batch");
        return m;
    }

    /** Index expression into the op's input: the caller's array starts at xOff. */
    String in(Op op, String index) {
        return op.in().equals(Plan.INPUT) ? "x[xOff + " + index + "]" : op.in() + "[" + index + "]";
    }

    /** Whether the fields through which a row task reads the caller's input array exist yet. */
    private boolean taskInputDeclared;

    /** Whether the field through which a row task reads the call's batch exists yet. */
    private boolean taskBatchDeclared;

    /**
     * Runs a loop over samples on the kernel team: {@code body} writes statements over samples {@code [r0, r1)}
     * into a method {@code name + "Rows"(int r0, int r1)}, which a {@code RowTask} field hands to
     * {@code DenseKernels.split}; {@code m} gets the hand-over. Each sample's values are computed by one thread in
     * the same order whatever the split, so results are bitwise those of one thread. When the loop reads the
     * caller's input, it reaches it through two fields set for the call ({@code x} and {@code xOff} in the body).
     *
     * @param work the work of the whole call, in multiply-adds or comparable steps, as an expression of
     *     {@code batch}: the team splits only calls that pay for the hand-off
     */
    void splitRows(MethodSpec.Builder m, String name, boolean readsInput, String work,
            java.util.function.Consumer<MethodSpec.Builder> body) {
        splitRows(m, name, readsInput, false, work, body);
    }

    /**
     * As {@link #splitRows(MethodSpec.Builder, String, boolean, String, java.util.function.Consumer)}; with
     * {@code readsBatch} the body also sees the call's {@code batch} (through a field set for the call), for
     * time-major buffers whose rows of one step are {@code batch} apart.
     */
    void splitRows(MethodSpec.Builder m, String name, boolean readsInput, boolean readsBatch, String work,
            java.util.function.Consumer<MethodSpec.Builder> body) {
        MethodSpec.Builder rows = MethodSpec.methodBuilder(name + "Rows").addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "r0").addParameter(TypeName.INT, "r1");
        if (readsBatch) {
            if (!taskBatchDeclared) {
                type.addField(FieldSpec.builder(TypeName.INT, "taskBatch", Modifier.PRIVATE)
                        .addJavadoc("The batch of the call whose row task is running.\n").build());
                taskBatchDeclared = true;
            }
            rows.addStatement("int batch = taskBatch");
        }
        if (readsInput) {
            if (!taskInputDeclared) {
                type.addField(FieldSpec.builder(array, "taskInput", Modifier.PRIVATE)
                        .addJavadoc("The caller's input array while a row task reads it, else null.\n").build());
                type.addField(FieldSpec.builder(TypeName.INT, "taskInputOffset", Modifier.PRIVATE).build());
                taskInputDeclared = true;
            }
            rows.addStatement("$T x = taskInput", array);
            rows.addStatement("int xOff = taskInputOffset");
        }
        body.accept(rows);
        type.addMethod(rows.build());
        String field = name + "Task";
        type.addField(FieldSpec.builder(ROW_TASK, field, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("this::$LRows", name).build());
        if (readsInput) {
            m.addStatement("taskInput = x");
            m.addStatement("taskInputOffset = xOff");
        }
        if (readsBatch) m.addStatement("taskBatch = batch");
        m.addStatement("$T.split($L, batch, $L)", DENSE_KERNELS, field, work);
        if (readsInput) m.addStatement("taskInput = null");
    }

    /** The post-activation of samples {@code [r0, r1)}, inside a row task. */
    void postForwardRows(MethodSpec.Builder m, Eltwise post, String buf, String size) {
        if (post == null) return;
        m.beginControlFlow("for (int i = r0 * $L, n = r1 * $L; i < n; i++)", paren(size), paren(size));
        m.addStatement("$L", activation(post, buf + "[i]", buf + "[i]"));
        m.endControlFlow();
    }

    /** The activation's derivative for samples {@code [r0, r1)}, inside a row task. */
    void postBackwardRows(MethodSpec.Builder m, Eltwise post, String out, String delta, String size) {
        if (post == null) return;
        m.addComment("$L' from its output", post.kind().word());
        m.beginControlFlow("for (int i = r0 * $L, n = r1 * $L; i < n; i++)", paren(size), paren(size));
        m.addStatement("$L", derivative(post, delta + "[i]", delta + "[i]", out + "[i]"));
        m.endControlFlow();
    }

    /** A size expression as a factor: {@code (A * B)} when it has an operator. */
    static String paren(String size) {
        return size.matches("\\w+") ? size : "(" + size + ")";
    }

    void postForward(MethodSpec.Builder m, Eltwise post, String buf, String size) {
        if (post == null) return;
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size);
        m.addStatement("$L", activation(post, buf + "[i]", buf + "[i]"));
        m.endControlFlow();
    }

    /** {@code dst = f(src)}. */
    String activation(Eltwise fn, String dst, String src) {
        return switch (fn.kind()) {
            case IDENTITY -> dst + " = " + src;
            case SIGMOID -> dst + " = " + narrow("1 / (1 + exp(-" + src + "))");
            case TANH -> dst + " = " + narrow(tanh(src));
            case RELU -> dst + " = max(" + src + ", " + narrowLiteral(0) + ")";
            case LEAKY_RELU -> fn.alpha() <= 1
                    ? dst + " = max(" + src + ", " + narrowLiteral(fn.alpha()) + " * " + src + ")"
                    : dst + " = " + src + " < 0 ? " + narrow(literal(fn.alpha()) + " * " + src) + " : " + src;
            case ELU -> dst + " = " + src + " < 0 ? " + narrow(literal(fn.alpha()) + " * expm1(" + src + ")")
                    + " : " + src;
        };
    }

    /**
     * Multiplies {@code delta} by f'(x) written through the output y = f(x): y(1−y) for sigmoid, 1−y² for tanh;
     * relu, leaky_relu and elu (α > 0) have y > 0 exactly when x > 0, and elu's slope below 0 is y + α. Relu and
     * leaky relu run as min/max (below), which HotSpot vectorizes.
     */
    /**
     * 1 where {@code y > 0}, 0 where {@code y} is 0, for y ≥ 0: {@code min(y · 2^126, 1)} (2^1022 in double), a form
     * HotSpot's superword pass vectorizes, where the conditional {@code y > 0 ? 1 : 0} stays scalar on JDK 17 (about
     * 40 times slower over an activation-sized array). Exact for every normal y; a subnormal y, which no real
     * activation produces, would give a fraction.
     */
    private String positive(String y) {
        return "min(" + y + " * " + (dbl ? "0x1p1022" : "0x1p126f") + ", " + narrowLiteral(1) + ")";
    }

    /**
     * tanh(x) as an expression: {@code Math.tanh} in double networks (exact to the last bits, for gradient checks and
     * parity), {@code 1 − 2/(e^{2x} + 1)} in float ones: {@code Math.exp} is a JIT intrinsic and {@code Math.tanh} is
     * not (it runs StrictMath's software tanh, the largest cost of an LSTM step), and computed in double the formula is
     * accurate far beyond float's precision except within about 1e-9 of 0, where both are 0 to float.
     */
    String tanh(String x) {
        return dbl ? "tanh(" + x + ")" : "(1 - 2 / (exp(2 * (" + x + ")) + 1))";
    }

    String derivative(Eltwise fn, String dst, String delta, String y) {
        return switch (fn.kind()) {
            case IDENTITY -> dst + " = " + delta;
            case SIGMOID -> dst + " = " + delta + " * " + y + " * (1 - " + y + ")";
            case TANH -> dst + " = " + delta + " * (1 - " + y + " * " + y + ")";
            case RELU -> dst + " = " + delta + " * " + positive(y);
            case LEAKY_RELU -> dst + " = " + delta + " * (" + narrowLiteral(fn.alpha()) + " + "
                    + narrowLiteral(1 - fn.alpha()) + " * " + positive("max(" + y + ", " + narrowLiteral(0) + ")") + ")";
            case ELU -> dst + " = " + y + " > 0 ? " + delta + " : " + narrow(delta + " * (" + y + " + "
                    + literal(fn.alpha()) + ")");
        };
    }

    // ---------------------------------------------------------------- loss

    private void lossMethod() {
        MethodSpec.Builder m = MethodSpec.methodBuilder(loss.method())
                .addModifiers(Modifier.PRIVATE)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.INT, "batch");
        loss.body(this, plan, m);
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
        List<CodeBlock> calls = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            if (!op.needsBackward()) continue;
            calls.add(CodeBlock.of("$L", op.backwardCall()));
            steps.add(op);
        }
        addChunked(all, "backward", calls);
        type.addMethod(all.build());
        for (Op op : steps) op.backward(this);
    }

    void postBackward(MethodSpec.Builder m, Eltwise post, String out, String delta, String size) {
        if (post == null) return;
        m.addComment("$L' from its output", post.kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size);
        m.addStatement("$L", derivative(post, delta + "[i]", delta + "[i]", out + "[i]"));
        m.endControlFlow();
    }

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
        PruningWriter.maskGradients(m);
        String e = dbl ? "double" : "float";
        List<CodeBlock> updates = new ArrayList<>();
        boolean split = false;
        for (Tensor t : plan.trainable()) {
            // large tensors go through the kernel team in blocks of elements; small ones are not worth a hand-off
            boolean large = t.size() >= SPLIT_UPDATE;
            split |= large;
            updates.add(CodeBlock.of("$L($L, $L$L, $L)", large ? "updateSplit" : updateMethod(), t.constant(),
                    tensorSize(t), clipNorm() ? ", scale" : "",
                    t.regularized() ? narrow("l2") + ", " + narrow("l1") : "0, 0"));
        }
        if (split) updateSplit();
        if (clipNorm()) {
            if (updates.size() > CHUNK) {
                // the parts take the clipping factor as a parameter
                MethodSpec.Builder parts = MethodSpec.methodBuilder("updateParts").addModifiers(Modifier.PRIVATE)
                        .addParameter(real, "scale");
                addChunked(parts, "update", updates);
                type.addMethod(parts.build());
                m.addStatement("updateParts($L)", narrow("clipScale()"));
            } else {
                m.addStatement("$L scale = $L", e, narrow("clipScale()"));
                addChunked(m, "update", updates);
            }
        } else {
            addChunked(m, "update", updates);
        }
        type.addMethod(m.build());
        if (clipNorm()) {
            MethodSpec.Builder c = MethodSpec.methodBuilder("clipScale")
                    .addModifiers(Modifier.PRIVATE)
                    .returns(TypeName.DOUBLE)
                    .addJavadoc("Algorithm 7.2 over all trainable tensors together, as a factor for the gradient:\n"
                            + "clip / (‖g‖ + 1e-6) when that is below 1 (PyTorch's clip_grad_norm_), else 1.\n");
            c.addStatement("double s0 = 0, s1 = 0");
            c.addStatement("int i = PARAMETER_BASE");
            c.beginControlFlow("for (; i + 1 < PARAMETER_END; i += 2)");
            String widen = dbl ? "" : "(double) ";
            c.addStatement("s0 += $Lgrads[i] * grads[i]", widen);
            c.addStatement("s1 += $Lgrads[i + 1] * grads[i + 1]", widen);
            c.endControlFlow();
            c.beginControlFlow("if (i < PARAMETER_END)");
            c.addStatement("s0 += $Lgrads[i] * grads[i]", widen);
            c.endControlFlow();
            c.addStatement("double factor = clip / (sqrt(s0 + s1) + 1e-6)");
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
        u.addJavadoc("$L over params[offset, offset + length), as torch.optim.$L.\n", kind.word(),
                optimizer.torchName());
        if (!dbl) {
            u.addJavadoc("The loop runs in float throughout (as PyTorch's float32 optimizers do), so HotSpot can\n"
                    + "vectorize it: no double temporaries, no conversions, no calls but sqrt.\n");
        }
        hoist(u, "lr", "this.lr");
        optimizer.hoist(this, u);
        if (clipValue()) hoist(u, "clip", "this.clip");
        u.beginControlFlow("if (l1 == 0)");
        u.addComment("no L1 term here (biases, γ, β, or l1 = 0): the branch-free loop");
        updateLoop(u, false);
        u.nextControlFlow("else");
        updateLoop(u, true);
        u.endControlFlow();
        type.addMethod(u.build());
    }

    /** Elements of a tensor from which its update is split across the kernel team. */
    static final int SPLIT_UPDATE = 1 << 14;
    /** Elements per row of the update's row task. */
    static final int UPDATE_BLOCK = 1024;

    /**
     * {@code updateSplit(offset, length, …)}: the optimizer's loop over blocks of {@value #UPDATE_BLOCK} elements as a
     * row task on the kernel team (each element's update reads and writes only that element, so the result is the
     * same for any split).
     */
    private void updateSplit() {
        String e = dbl ? "double" : "float";
        TypeName elem = dbl ? TypeName.DOUBLE : TypeName.FLOAT;
        for (String f : List.of("updateOffset", "updateLength")) {
            type.addField(FieldSpec.builder(TypeName.INT, f, Modifier.PRIVATE).build());
        }
        List<String> reals = new ArrayList<>(clipNorm() ? List.of("updateScale", "updateL2", "updateL1")
                : List.of("updateL2", "updateL1"));
        for (String f : reals) type.addField(FieldSpec.builder(elem, f, Modifier.PRIVATE).build());
        type.addField(FieldSpec.builder(ROW_TASK, "updateTask", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("this::updateRows").build());
        MethodSpec.Builder split = MethodSpec.methodBuilder("updateSplit").addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "offset").addParameter(TypeName.INT, "length");
        if (clipNorm()) split.addParameter(elem, "scale");
        split.addParameter(elem, "l2").addParameter(elem, "l1");
        split.addStatement("updateOffset = offset");
        split.addStatement("updateLength = length");
        if (clipNorm()) split.addStatement("updateScale = scale");
        split.addStatement("updateL2 = l2");
        split.addStatement("updateL1 = l1");
        split.addComment("about 16 multiply-adds' worth per element (a square root, a division)");
        split.addStatement("$T.split(updateTask, (length + $L - 1) / $L, 16L * length)", DENSE_KERNELS, UPDATE_BLOCK,
                UPDATE_BLOCK);
        type.addMethod(split.build());
        MethodSpec.Builder rows = MethodSpec.methodBuilder("updateRows").addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "r0").addParameter(TypeName.INT, "r1");
        rows.addStatement("int from = updateOffset + r0 * $L", UPDATE_BLOCK);
        rows.addStatement("int to = updateOffset + min(updateLength, r1 * $L)", UPDATE_BLOCK);
        rows.addStatement("$L(from, to - from$L, updateL2, updateL1)", updateMethod(), clipNorm() ? ", updateScale" : "");
        type.addMethod(rows.build());
    }

    /** {@code E name = (E) (expr);} with E the element type, so the update loop needs no conversions. */
    void hoist(MethodSpec.Builder u, String name, String expr) {
        u.addStatement("$L $L = $L", dbl ? "double" : "float", name, narrow(expr));
    }

    String sqrt(String x) {
        return dbl ? "sqrt(" + x + ")" : "(float) sqrt(" + x + ")";
    }

    /** One element: clip, regularize (weights only), then the optimizer's step, all in the element type. */
    /** One element: clip, regularize (weights only), then the optimizer's step, all in the element type. */
    private void updateLoop(MethodSpec.Builder u, boolean l1) {
        String e = dbl ? "double" : "float";
        u.beginControlFlow("for (int i = offset, end = offset + length; i < end; i++)");
        if (clipNorm()) {
            u.addStatement("$L g = grads[i] * scale", e);
        } else if (clipValue()) {
            u.addStatement("$L g = max(-clip, min(clip, grads[i]))", e);
        } else {
            u.addStatement("$L g = grads[i]", e);
        }
        u.addStatement("$L w = params[i]", e);
        u.addStatement(l1 ? "g += l2 * w + l1 * signum(w)" : "g += l2 * w");
        optimizer.step(this, u, e);
        u.endControlFlow();
    }

    /** A tensor's element count as a constant expression: its shape's dimensions multiplied. */
    private static String tensorSize(Tensor t) {
        return t.shape().replace(", ", " * ");
    }

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
        for (OptimizerWriter.State s : optimizer.states()) r.addStatement("$T.fill($L, 0)", ARRAYS, s.field());
        r.addStatement("step = 0");
        PruningWriter.reset(r);
        r.addStatement("initialize()");
        type.addMethod(r.build());

        MethodSpec.Builder init = MethodSpec.methodBuilder("initialize")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Draws layer by layer; each dense layer's weights row-major [in][out].\n");
        MethodSpec.Builder draws = MethodSpec.methodBuilder("draws");
        for (Op op : plan.ops()) op.initialize(this, draws);
        List<CodeBlock> statements = statements(draws.build());
        if (statements.size() <= CHUNK) {
            init.addCode(draws.build().code());
        } else {
            addChunked(init, "initialize", statements);
        }
        type.addMethod(init.build());
    }

    /**
     * The statement drawing a weight tensor: {@code length} values at {@code offset} (null: fanIn·fanOut, a dense
     * weight), scaled by PyTorch's fans of the layer kind.
     */
    CodeBlock initializer(Init init, String offset, String length, String fanIn, String fanOut) {
        String n = length == null ? fanIn + " * " + fanOut : length;
        String fans = length == null ? fanIn + ", " + fanOut : length + ", " + fanIn + ", " + fanOut;
        return switch (init.kind()) {
            case ZEROS -> CodeBlock.of("$T.fill(params, $L, $L + $L, 0)", ARRAYS, offset, offset, n);
            case CONSTANT -> CodeBlock.of("$T.fill(params, $L, $L + $L, $L)", ARRAYS, offset, offset, n,
                    narrowLiteral(init.arg(0)));
            case GAUSSIAN -> CodeBlock.of("$T.gaussian(rng, params, $L, $L, $L, $L)", INITIALIZERS, offset, n,
                    literal(init.arg(0)), literal(init.arg(1)));
            case UNIFORM -> CodeBlock.of("$T.uniform(rng, params, $L, $L, $L, $L)", INITIALIZERS, offset, n,
                    literal(init.arg(0)), literal(init.arg(1)));
            case XAVIER_UNIFORM -> CodeBlock.of("$T.xavierUniform(rng, params, $L, $L, $L)", INITIALIZERS, offset,
                    fans, literal(init.arg(0)));
            case XAVIER_NORMAL -> CodeBlock.of("$T.xavierNormal(rng, params, $L, $L, $L)", INITIALIZERS, offset,
                    fans, literal(init.arg(0)));
            case HE_UNIFORM -> CodeBlock.of("$T.heUniform(rng, params, $L, $L)", INITIALIZERS, offset, fans);
            case HE_NORMAL -> CodeBlock.of("$T.heNormal(rng, params, $L, $L)", INITIALIZERS, offset, fans);
            case LECUN_NORMAL -> CodeBlock.of("$T.lecunNormal(rng, params, $L, $L)", INITIALIZERS, offset, fans);
            case ORTHOGONAL -> CodeBlock.of("$T.orthogonal(rng, params, $L, $L, $L, $L)", INITIALIZERS, offset,
                    fanIn, n + " / " + fanIn, literal(init.arg(0)));
        };
    }

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
        s.beginControlFlow("if (!(value >= 0) || $T.isInfinite(value))", Double.class);
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
        List<DropoutOp> dropouts = plan.ops(DropoutOp.class);
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
        List<BatchNormOp> bns = plan.ops(BatchNormOp.class);
        getter("batchNormLayers", TypeName.INT, "$L", bns.size());
        String range = "network " + net.name() + " has " + bns.size() + " batchnorm layers, got index ";
        MethodSpec.Builder pop = MethodSpec.methodBuilder("batchNormPopulation")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(TypeName.INT, "i");
        pop.beginControlFlow("switch (i)");
        for (int k = 0; k < bns.size(); k++) {
            pop.addStatement("case $L: return $L", k, bns.get(k).layer().stats() == BatchNormStats.POPULATION);
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
            long prefixCalls = 0;
            for (BatchNormOp b : bns) prefixCalls += ops.indexOf(b);
            boolean shared = prefixCalls > CHUNK; // one guarded forward for all layers instead of one per layer
            if (shared) forwardInferenceTo();
            for (int k = 0; k < bns.size(); k++) {
                BatchNormOp b = bns.get(k);
                acc.addCode("case $L:\n$>", k);
                if (shared) {
                    acc.addStatement("forwardInferenceTo($L, x, batch)", ops.indexOf(b));
                } else {
                    for (Op op : ops) {
                        if (op == b) break;
                        acc.addStatement("$L", op.forwardCall(false, "0"));
                    }
                }
                acc.addStatement("accumulatePopulation($L, $L, BATCHNORM$L_FEATURES)",
                        b.in().equals(Plan.INPUT) ? "x" : b.in(), b.rows(), b.index());
                acc.addStatement("break");
                acc.addCode("$<");
            }
            acc.addStatement("default: throw new $T($S)", IllegalStateException.class,
                    "call beginPopulationStatistics(i) first");
            acc.endControlFlow();

            end.addJavadoc("Stores the exact mean and unbiased variance as the layer's running statistics.\n");
            end.beginControlFlow("switch (populationLayer)");
            for (int k = 0; k < bns.size(); k++) {
                BatchNormOp b = bns.get(k);
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

    /**
     * {@code forwardInferenceTo(stop, x, batch)}: the inference forward of ops {@code [0, stop)}, stopping at a
     * batchnorm, in parts of {@link #CHUNK} calls that report whether to go on; for whole-dataset statistics of deep
     * networks, where a forward per batchnorm layer would not fit in one method.
     */
    private void forwardInferenceTo() {
        List<Op> ops = plan.ops();
        MethodSpec.Builder m = MethodSpec.methodBuilder("forwardInferenceTo").addModifiers(Modifier.PRIVATE)
                .addJavadoc("Inference-mode forward of the ops before op {@code stop} (a batchnorm).\n")
                .addParameter(TypeName.INT, "stop").addParameter(array, "x").addParameter(TypeName.INT, "batch");
        for (int part = 0, from = 0; from < ops.size(); part++, from += CHUNK) {
            MethodSpec.Builder c = MethodSpec.methodBuilder("forwardInferenceToPart" + part)
                    .addModifiers(Modifier.PRIVATE).returns(TypeName.BOOLEAN)
                    .addParameter(TypeName.INT, "stop").addParameter(array, "x").addParameter(TypeName.INT, "batch");
            for (int i = from; i < Math.min(ops.size(), from + CHUNK); i++) {
                if (ops.get(i) instanceof BatchNormOp) {
                    c.beginControlFlow("if (stop == $L)", i);
                    c.addStatement("return false");
                    c.endControlFlow();
                }
                c.addStatement("$L", ops.get(i).forwardCall(false, "0"));
            }
            c.addStatement("return true");
            type.addMethod(c.build());
            m.beginControlFlow("if (!forwardInferenceToPart$L(stop, x, batch))", part);
            m.addStatement("return");
            m.endControlFlow();
        }
        type.addMethod(m.build());
    }

    private void views() {
        for (Map.Entry<String, String> v : options.layerViews().entrySet()) {
            Op op = view(v.getValue());
            MethodSpec.Builder m = MethodSpec.methodBuilder(v.getKey())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(Views.viewInterface(op))
                    .addJavadoc("Live view of $L and its block.\n", v.getValue())
                    .addStatement("return $LView", v.getKey());
            if (options.interfaceName() != null) m.addAnnotation(Override.class);
            type.addMethod(m.build());
        }
    }

    private void helpers() {
        argumentChecks().forEach(type::addMethod);
    }

    /**
     * {@code checkBatch(batch)} (1 to {@code maxBatch}) and {@code checkLength(array, length, needed)}, the argument
     * checks of {@code forward}, shared by the training class and the int8 class.
     */
    static List<MethodSpec> argumentChecks() {
        MethodSpec.Builder c = MethodSpec.methodBuilder("checkBatch")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        c.beginControlFlow("if (batch < 1 || batch > maxBatch)");
        c.addStatement("throw new $T($S + maxBatch + $S + batch)", IllegalArgumentException.class,
                "batch must be between 1 and maxBatch = ", ", got ");
        c.endControlFlow();

        MethodSpec.Builder l = MethodSpec.methodBuilder("checkLength")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(String.class, "array")
                .addParameter(TypeName.INT, "length")
                .addParameter(TypeName.INT, "needed");
        l.beginControlFlow("if (length < needed)");
        l.addStatement("throw new $T(array + $S + length + $S + needed)", IllegalArgumentException.class,
                " holds ", " values, the batch needs ");
        l.endControlFlow();
        return List.of(c.build(), l.build());
    }

    // ---------------------------------------------------------------- method size

    /** A method body's statements, one code block each (ops add statements and comments to a builder). */
    private static List<CodeBlock> statements(MethodSpec built) {
        List<CodeBlock> out = new ArrayList<>();
        for (String piece : built.code().toString().split(";\\s*\n")) {
            StringBuilder t = new StringBuilder();
            for (String line : piece.split("\n")) {
                if (!line.strip().startsWith("//")) t.append(line.strip()).append(' ');
            }
            if (!t.toString().isBlank()) out.add(CodeBlock.of("$L", t.toString().strip()));
        }
        return out;
    }

    /** Statements per method before a sequence is split (the JVM limits a method's code to 64 KB). */
    static final int CHUNK = 400;

    /**
     * Adds {@code statements} to {@code m}, or, when there are more than {@link #CHUNK}, to private methods
     * {@code name + "Part" + i} taking {@code m}'s parameters, called from {@code m} in order: a network of a
     * thousand layers has a thousand forward calls, and its class must still load.
     */
    void addChunked(MethodSpec.Builder m, String name, List<CodeBlock> statements) {
        if (statements.size() <= CHUNK) {
            for (CodeBlock c : statements) m.addStatement(c);
            return;
        }
        MethodSpec shape = m.build();
        StringBuilder args = new StringBuilder();
        for (com.palantir.javapoet.ParameterSpec p : shape.parameters()) {
            args.append(args.length() > 0 ? ", " : "").append(p.name());
        }
        for (int part = 0, from = 0; from < statements.size(); part++, from += CHUNK) {
            MethodSpec.Builder c = MethodSpec.methodBuilder(name + "Part" + part).addModifiers(Modifier.PRIVATE)
                    .addParameters(shape.parameters());
            for (CodeBlock s : statements.subList(from, Math.min(statements.size(), from + CHUNK))) c.addStatement(s);
            type.addMethod(c.build());
            m.addStatement("$LPart$L($L)", name, part, args);
        }
    }

    // ---------------------------------------------------------------- expressions

    /** A double-valued expression stored into an element of the generated precision. */
    String narrow(String expr) {
        if (dbl) return expr;
        if (expr.matches("[\\w.\\[\\] +]*") && !expr.contains(" ")) return "(float) " + expr;
        if (expr.matches("[\\w.]+\\([^()]*\\)")) return "(float) " + expr;
        return "(float) (" + expr + ")";
    }

    String narrowLiteral(double v) {
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
