package dev.castnet.processor.generator;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.castnet.dsl.model.Network;
import dev.castnet.processor.generator.Plan.Buffer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.ElementType;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Prints the inference-only int8 class of a {@link Plan} ({@code FooInt8} beside {@code Foo}, SPEC §6). Layers
 * with weights become {@link Int8Op}s, a batchnorm right after one folded into it; every other op is the float
 * class's own inference forward, printed through a {@link NetworkWriter} that targets this class, on real
 * values between the int8 products. The class loads the int8 model of a compressed checkpoint, and builds one
 * from a float network's parameters and calibrated ranges ({@code quantize}).
 */
final class Int8Writer {
    private static final String RUNTIME = "dev.castnet.runtime";
    private static final ClassName INT8_NETWORK = ClassName.get(RUNTIME, "Int8Network");
    private static final ClassName PARAMETERS = ClassName.get(RUNTIME, "Parameters");
    private static final ClassName CHECKPOINT = ClassName.get(RUNTIME + ".checkpoint", "Checkpoint");
    private static final ClassName TENSOR = ClassName.get(RUNTIME + ".checkpoint", "Tensor");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final Modifier[] PUBLIC_CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};
    private static final Modifier[] PRIVATE_CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

    private final Plan plan;
    private final Network net;
    private final GenerationOptions options;
    private final String className;
    private final TypeSpec.Builder type;
    private final NetworkWriter floats;
    /** The forward steps in order: an {@link Int8Op}, or an {@link Op} run in real arithmetic. */
    private final List<Object> steps = new ArrayList<>();
    /** Tensors of the ops run in real arithmetic (batchnorm not folded), by their compact offsets. */
    private final Map<Tensor, Integer> realTensors = new LinkedHashMap<>();
    private int paramsSize;
    private int statsSize;

    Int8Writer(Plan plan, GenerationOptions options) {
        this.plan = plan;
        this.net = plan.network();
        this.options = options;
        this.className = className(net);
        // the float class beside this one may be named like a java.lang type this class uses (Override, System)
        this.type = TypeSpec.classBuilder(className).alwaysQualify(net.className());
        this.floats = new NetworkWriter(plan, options, type);
        lower();
    }

    /** {@code FooInt8} for {@code Foo}. */
    static String className(Network net) {
        return net.int8ClassName();
    }

    /** Which ops become int8 layers, and which batchnorm each folds. */
    private void lower() {
        List<Op> ops = plan.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            BatchNormOp fold = null;
            if ((op instanceof DenseOp || op instanceof Conv2dOp) && op.post() == null && i + 1 < ops.size()
                    && ops.get(i + 1) instanceof BatchNormOp b && b.in().equals(op.out())) {
                fold = b;
            }
            if (op instanceof DenseOp d) {
                steps.add(new Int8DenseOp(d, fold));
            } else if (op instanceof Conv2dOp c) {
                steps.add(new Int8Conv2dOp(c, fold));
            } else if (op instanceof RecurrentOp r) {
                steps.add(new Int8RecurrentOp(r));
            } else {
                steps.add(op);
                for (Tensor t : op.tensors()) {
                    if (t.trainable()) {
                        realTensors.put(t, paramsSize);
                        paramsSize += t.size();
                    } else {
                        realTensors.put(t, statsSize);
                        statsSize += t.size();
                    }
                }
            }
            if (fold != null) i++;
        }
    }

    // ---------------------------------------------------------------- helpers for the int8 ops

    Plan plan() {
        return plan;
    }

    /** The writer of the float ops, printing into this class. */
    NetworkWriter floats() {
        return floats;
    }

    TypeName real() {
        return floats.real();
    }

    TypeName array() {
        return floats.array();
    }

    String narrow(String expr) {
        return floats.narrow(expr);
    }

    void add(MethodSpec m) {
        type.addMethod(m);
    }

    void add(FieldSpec f) {
        type.addField(f);
    }

    /** The statement folding batchnorm {@code bn} into weight {@code w [rows][cols]} and bias {@code b}. */
    void fold(MethodSpec.Builder m, BatchNormOp bn, String w, String b, String rows, String cols) {
        String n = bn.layerName();
        m.addStatement("$T.foldBatchNorm($L, $L, $L, $L, p.read($S), p.read($S), p.read($S), p.read($S), $L)",
                Int8Op.INT8_MODEL, w, b, rows, cols, n + ".gamma", n + ".beta", n + ".running_mean",
                n + ".running_var", NetworkWriter.literal(bn.layer().eps()));
    }

    // ---------------------------------------------------------------- the class

    GeneratedSource write() {
        type.addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(INT8_NETWORK)
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", options.generatorName()).build())
                .addJavadoc(javadoc());
        constants();
        fields();
        constructor();
        identity();
        entryPoints();
        for (Object step : steps) {
            if (step instanceof Int8Op q) q.forward(this);
            else ((Op) step).forwardInference(floats);
        }
        quantize();
        load();
        helpers();
        TypeSpec built = type.build();
        JavaFile.Builder file = JavaFile.builder(net.packageName(), built)
                .addFileComment("Generated by castnet from $L (spec fingerprint $L).\n",
                        NetworkWriter.specName(net.specFile()), net.fingerprint())
                .addFileComment("Do not edit: change the spec and generate again.")
                .skipJavaLangImports(true)
                .indent("    ");
        String body = built.toString();
        List<String> used = new ArrayList<>();
        for (String fn : NetworkWriter.MATH) {
            if (java.util.regex.Pattern.compile("(?<![\\w.])" + fn + "\\(").matcher(body).find()) used.add(fn);
        }
        if (!used.isEmpty()) file.addStaticImport(ClassName.get("java.lang", "Math"), used.toArray(String[]::new));
        String qualified = net.packageName().isEmpty() ? className : net.packageName() + "." + className;
        return new GeneratedSource(qualified, file.build().toString());
    }

    private String javadoc() {
        StringBuilder b = new StringBuilder();
        b.append("Inference-only int8 form of network {@code ").append(net.name()).append("} (the float class is {@code ")
                .append(net.className()).append("}).\n\n<pre>\n");
        for (Object step : steps) {
            if (step instanceof Int8Op q) {
                b.append(q.layer()).append(": int8 × int8 → int32");
                if (q.folded() != null) b.append(", ").append(q.folded().layerName()).append(" folded in");
                if (q.post() != null) b.append(", then ").append(q.post().kind().word());
                b.append('\n');
            } else {
                Op op = (Op) step;
                b.append(floats.layerWord(op)).append(": real\n");
            }
        }
        b.append("</pre>\n\n<p>Weights are int8 per output channel, activations int8 per tensor with scales calibrated on\n"
                + "training samples ({@code castnet compress --quantize int8}); products sum in int32, and only what\n"
                + "int8 cannot hold (scales, biases, activations, pooling, softmax) is real. Load a compressed checkpoint\n"
                + "with {@link #load} before {@code forward} or {@code predict}, which then allocate nothing.\n\n"
                + "<p>An instance is not thread-safe: its buffers hold the call in progress.\n");
        return b.toString();
    }

    private void constant(Modifier[] modifiers, String name, int value, String doc) {
        FieldSpec.Builder f = FieldSpec.builder(TypeName.INT, name, modifiers).initializer("$L", value);
        if (doc != null) f.addJavadoc("$L.\n", doc);
        type.addField(f.build());
    }

    private void constants() {
        constant(PUBLIC_CONSTANT, "INPUT_SIZE", plan.inputSize(), null);
        constant(PUBLIC_CONSTANT, "OUTPUT_SIZE", plan.outputSize(), null);
        for (Op op : plan.ops()) {
            for (Constant c : op.constants()) {
                constant(c.isPublic() ? PUBLIC_CONSTANT : PRIVATE_CONSTANT, c.name(), c.value(), c.doc());
            }
        }
        for (Map.Entry<Tensor, Integer> t : realTensors.entrySet()) {
            constant(PRIVATE_CONSTANT, t.getKey().constant(), t.getValue(),
                    "Offset of " + t.getKey().name() + " in " + (t.getKey().trainable() ? "params" : "stats"));
        }
        List<String> names = new ArrayList<>();
        for (Object step : steps) {
            if (step instanceof Int8Op q) names.addAll(q.tensorNames());
            else for (Tensor t : ((Op) step).tensors()) names.add(t.name());
        }
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)),
                        "TENSORS", PRIVATE_CONSTANT)
                .addJavadoc("The tensors of the int8 model, in the order a compressed checkpoint stores them.\n")
                .initializer("$T.of($L)", List.class, quoted(names))
                .build());
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) b.append(b.length() > 0 ? ", " : "").append('"').append(n).append('"');
        return b.toString();
    }

    /** The plan's buffers this class uses, in plan order. */
    private List<Buffer> buffers() {
        Set<String> used = new LinkedHashSet<>();
        for (Object step : steps) {
            if (step instanceof Int8Op q) {
                used.addAll(q.buffers());
            } else {
                Op op = (Op) step;
                used.add(op.out());
                used.addAll(op.inferenceCaches());
            }
        }
        List<Buffer> out = new ArrayList<>();
        for (Buffer b : plan.buffers()) if (used.contains(b.name())) out.add(b);
        return out;
    }

    private int max(java.util.function.ToIntFunction<Int8Op> f) {
        int m = 1;
        for (Object step : steps) if (step instanceof Int8Op q) m = Math.max(m, f.applyAsInt(q));
        return m;
    }

    private void fields() {
        type.addField(TypeName.INT, "maxBatch", Modifier.PRIVATE, Modifier.FINAL);
        type.addField(FieldSpec.builder(TypeName.BOOLEAN, "loaded", Modifier.PRIVATE)
                .addJavadoc("True once a compressed checkpoint is loaded.\n").build());
        for (Buffer b : buffers()) {
            TypeName t = b.type() == ElementType.INT ? ArrayTypeName.of(TypeName.INT) : array();
            type.addField(t, b.name(), Modifier.PRIVATE, Modifier.FINAL);
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.BYTE), "quantized", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("One sample's input to a layer with weights, quantized.\n").build());
        if (max(q -> q instanceof Int8Conv2dOp c ? c.patchWidth() : 0) > 1) {
            type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.BYTE), "patch", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("One receptive field of a convolution, gathered from {@code quantized}.\n").build());
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.INT), "accumulator", Modifier.PRIVATE,
                        Modifier.FINAL)
                .addJavadoc("The int32 sums of one row of an int8 product.\n").build());
        if (paramsSize > 0) {
            type.addField(FieldSpec.builder(array(), "params", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("γ and β of the batchnorm layers not folded into a layer before them.\n").build());
        }
        if (statsSize > 0) {
            type.addField(FieldSpec.builder(array(), "stats", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Running statistics of those batchnorm layers.\n").build());
        }
        for (Object step : steps) {
            if (step instanceof Int8Op q) q.fields(this);
            if (step instanceof DropoutOp d) {
                type.addField(FieldSpec.builder(TypeName.DOUBLE, d.field(), Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("$L", NetworkWriter.literal(d.p()))
                        .addJavadoc("Drop probability of dropout$L, as the spec gives it.\n", d.index())
                        .build());
            }
        }
    }

    private void constructor() {
        MethodSpec.Builder m = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Allocates every buffer for up to {@code maxBatch} samples a call; {@link #load} the model\n"
                        + "before running it.\n")
                .addParameter(TypeName.INT, "maxBatch");
        m.beginControlFlow("if (maxBatch < 1)");
        m.addStatement("throw new $T($S + maxBatch)", IllegalArgumentException.class, "maxBatch must be at least 1, got ");
        m.endControlFlow();
        m.addStatement("this.maxBatch = maxBatch");
        for (Buffer b : buffers()) {
            TypeName t = b.type() == ElementType.INT ? TypeName.INT : real();
            if (b.batched()) m.addStatement("$L = new $T[maxBatch * $L]", b.name(), t, b.size());
            else m.addStatement("$L = new $T[$L]", b.name(), t, b.size());
        }
        m.addStatement("quantized = new byte[$L]", max(Int8Op::quantizedWidth));
        int patch = max(q -> q instanceof Int8Conv2dOp c ? c.patchWidth() : 0);
        if (patch > 1) m.addStatement("patch = new byte[$L]", patch);
        m.addStatement("accumulator = new int[$L]", max(Int8Op::accumulatorWidth));
        if (paramsSize > 0) m.addStatement("params = new $T[$L]", real(), paramsSize);
        if (statsSize > 0) m.addStatement("stats = new $T[$L]", real(), statsSize);
        type.addMethod(m.build());
    }

    private void getter(String name, TypeName returns, String format, Object value) {
        type.addMethod(MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addStatement("return " + format, value)
                .build());
    }

    private void identity() {
        getter("networkName", ClassName.get(String.class), "$S", net.name());
        getter("specFingerprint", ClassName.get(String.class), "$S", net.fingerprint());
        getter("doublePrecision", TypeName.BOOLEAN, "$L", plan.doublePrecision());
        getter("inputSize", TypeName.INT, "$L", "INPUT_SIZE");
        getter("outputSize", TypeName.INT, "$L", "OUTPUT_SIZE");
        getter("maxBatch", TypeName.INT, "$L", "maxBatch");
        getter("lossName", ClassName.get(String.class), "$S", net.loss().word());
        getter("loaded", TypeName.BOOLEAN, "$L", "loaded");
        List<String> points = new ArrayList<>();
        for (Quantization q : Quantization.points(plan)) points.add(q.name());
        getter("quantizationPoints", ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)),
                "$T.of(" + quoted(points).replace("$", "$$") + ")", List.class);
    }

    private void entryPoints() {
        TypeName array = array();
        type.addMethod(NetworkWriter.forwardMethod(plan, array, true));

        type.addMethod(NetworkWriter.predictMethod(plan, array, true));

        MethodSpec.Builder fi = MethodSpec.methodBuilder("forwardInference")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(array, "x")
                .addParameter(TypeName.INT, "xOff")
                .addParameter(TypeName.INT, "batch");
        List<CodeBlock> calls = new ArrayList<>();
        for (Object step : steps) {
            calls.add(CodeBlock.of("$L", step instanceof Int8Op q ? q.forwardCall() : ((Op) step).forwardCall(false,
                    "xOff")));
        }
        floats.addChunked(fi, "forwardInference", calls);
        type.addMethod(fi.build());
    }

    /** The name of a step's own method: {@code Dense0}, {@code Batchnorm1}. */
    private static String stepName(Object step) {
        return step instanceof Int8Op q ? q.source().method() : ((Op) step).method();
    }

    /** Whether a step has tensors in the int8 model. */
    private static boolean hasTensors(Object step) {
        return step instanceof Int8Op || !((Op) step).tensors().isEmpty();
    }

    private void quantize() {
        ClassName map = ClassName.get(Map.class);
        TypeName tensors = ParameterizedTypeName.get(map, ClassName.get(String.class), TENSOR);
        MethodSpec.Builder m = MethodSpec.methodBuilder("quantize")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(tensors)
                .addParameter(PARAMETERS, "p")
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), "ranges")
                .addJavadoc("The int8 model of the float network's parameters {@code p}, with the activation ranges\n"
                        + "{@code ranges} its {@code observeRanges} measured ({@link #quantizationPoints()} order).\n");
        m.addStatement("$T.checkRanges(ranges, quantizationPoints())", Int8Op.INT8_MODEL);
        m.addStatement("$T out = new $T<>()", tensors, LinkedHashMap.class);
        m.addStatement("quantizeLayers(p, ranges, out)");
        m.addStatement("return out");
        type.addMethod(m.build());
        MethodSpec.Builder all = MethodSpec.methodBuilder("quantizeLayers").addModifiers(Modifier.PRIVATE)
                .addParameter(PARAMETERS, "p").addParameter(ArrayTypeName.of(TypeName.DOUBLE), "ranges")
                .addParameter(tensors, "out");
        List<CodeBlock> calls = new ArrayList<>();
        for (Object step : steps) {
            if (!hasTensors(step)) continue;
            String name = "quantize" + stepName(step);
            calls.add(CodeBlock.of("$L(p, ranges, out)", name));
            MethodSpec.Builder one = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                    .addParameter(PARAMETERS, "p").addParameter(ArrayTypeName.of(TypeName.DOUBLE), "ranges")
                    .addParameter(tensors, "out");
            if (step instanceof Int8Op q) {
                q.quantize(one, this);
            } else {
                for (Tensor t : ((Op) step).tensors()) {
                    one.addStatement("$T.putReal(out, $S, p.read($S), $L)", Int8Op.INT8_MODEL, t.name(), t.name(),
                            t.shape());
                }
            }
            type.addMethod(one.build());
        }
        floats.addChunked(all, "quantizeLayers", calls);
        type.addMethod(all.build());
    }

    private void load() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("load")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(CHECKPOINT, "c")
                .addJavadoc("Loads the int8 model of a compressed checkpoint; every tensor is checked before any field\n"
                        + "is written.\n");
        m.addStatement("$T.verify(c, $S, $S, $L, $S, TENSORS)", Int8Op.INT8_MODEL, net.name(), net.fingerprint(),
                plan.doublePrecision(), className);
        m.addStatement("checkLayers(c)");
        m.addComment("every tensor checked: now write");
        m.addStatement("loadLayers(c)");
        m.addStatement("loaded = true");
        type.addMethod(m.build());
        MethodSpec.Builder checks = MethodSpec.methodBuilder("checkLayers").addModifiers(Modifier.PRIVATE)
                .addParameter(CHECKPOINT, "c");
        MethodSpec.Builder loads = MethodSpec.methodBuilder("loadLayers").addModifiers(Modifier.PRIVATE)
                .addParameter(CHECKPOINT, "c");
        List<CodeBlock> checkCalls = new ArrayList<>();
        List<CodeBlock> loadCalls = new ArrayList<>();
        for (Object step : steps) {
            if (!hasTensors(step)) continue;
            String name = stepName(step);
            MethodSpec.Builder check = MethodSpec.methodBuilder("check" + name).addModifiers(Modifier.PRIVATE)
                    .addParameter(CHECKPOINT, "c");
            MethodSpec.Builder load = MethodSpec.methodBuilder("load" + name).addModifiers(Modifier.PRIVATE)
                    .addParameter(CHECKPOINT, "c");
            if (step instanceof Int8Op q) {
                q.check(check);
                q.assign(load, this);
            } else {
                for (Tensor t : ((Op) step).tensors()) {
                    check.addStatement("$T.tensor(c, $S, false, $L)", Int8Op.INT8_MODEL, t.name(), t.shape());
                    load.addStatement("$T.copy(c.parameters().get($S).values(), $L, $L)", Int8Op.INT8_MODEL, t.name(),
                            t.trainable() ? "params" : "stats", t.constant());
                }
            }
            type.addMethod(check.build());
            type.addMethod(load.build());
            checkCalls.add(CodeBlock.of("check$L(c)", name));
            loadCalls.add(CodeBlock.of("load$L(c)", name));
        }
        floats.addChunked(checks, "checkLayers", checkCalls);
        floats.addChunked(loads, "loadLayers", loadCalls);
        type.addMethod(checks.build());
        type.addMethod(loads.build());
    }

    private void helpers() {
        MethodSpec.Builder l = MethodSpec.methodBuilder("checkLoaded").addModifiers(Modifier.PRIVATE);
        l.beginControlFlow("if (!loaded)");
        l.addStatement("throw new $T($S)", IllegalStateException.class, className + " has no model yet: load a"
                + " compressed checkpoint (castnet compress --quantize int8) first");
        l.endControlFlow();
        type.addMethod(l.build());

        NetworkWriter.argumentChecks().forEach(type::addMethod);
    }
}
