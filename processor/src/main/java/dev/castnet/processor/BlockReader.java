package dev.castnet.processor;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.AvgPool;
import dev.castnet.annotations.BatchNorm;
import dev.castnet.annotations.Conv2d;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Dropout;
import dev.castnet.annotations.GlobalAvgPool;
import dev.castnet.annotations.Gru;
import dev.castnet.annotations.Init;
import dev.castnet.annotations.InitKind;
import dev.castnet.annotations.Lstm;
import dev.castnet.annotations.MaxPool;
import dev.castnet.annotations.Rnn;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.InterfaceDecl.Given;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one method of a {@code @Network} interface into a layer block: exactly one layer annotation (the block's
 * kind, which names the layer and decides the view the method returns) and the parts that kind allows. Reports
 * what only annotations can get wrong (two layers on one method, pooling outside a conv block, the wrong return
 * type); the language's rules are the validator's. Layers are named per kind from 0 in declaration order, as the
 * language names them (SPEC §2).
 */
final class BlockReader {
    /** A layer annotation: the statement it becomes (also its counter) and the view its method returns. */
    record LayerAnnotation(Class<? extends Annotation> type, String keyword, String view) {
        String name() {
            return type.getCanonicalName();
        }
    }

    static final String DENSE_LAYER = "dev.castnet.runtime.DenseLayer";
    static final String CONV_LAYER = "dev.castnet.runtime.ConvLayer";
    static final String RECURRENT_LAYER = "dev.castnet.runtime.RecurrentLayer";

    static final List<LayerAnnotation> LAYERS = List.of(
            new LayerAnnotation(Dense.class, "dense", DENSE_LAYER),
            new LayerAnnotation(Conv2d.class, "conv2d", CONV_LAYER),
            new LayerAnnotation(Rnn.class, "rnn", RECURRENT_LAYER),
            new LayerAnnotation(Lstm.class, "lstm", RECURRENT_LAYER),
            new LayerAnnotation(Gru.class, "gru", RECURRENT_LAYER));

    private static final List<Class<? extends Annotation>> POOLINGS =
            List.of(MaxPool.class, AvgPool.class, GlobalAvgPool.class);

    /** Every annotation of a layer method: the layers, then the parts of a block. */
    static final List<Class<? extends Annotation>> ALL = Stream.concat(LAYERS.stream().map(LayerAnnotation::type),
            Stream.of(BatchNorm.class, MaxPool.class, AvgPool.class, GlobalAvgPool.class, Dropout.class)).toList();

    private final InterfaceReader reader;
    private final ProcessingEnvironment env;
    private final Origins origins;
    private final Map<String, Integer> counters = new HashMap<>();

    BlockReader(InterfaceReader reader, ProcessingEnvironment env, Origins origins) {
        this.reader = reader;
        this.env = env;
        this.origins = origins;
    }

    /** The block, or null for a method that is not one (the user's own default method) or after an error. */
    InterfaceDecl.Block read(ExecutableElement method, Set<String> reserved) {
        String name = method.getSimpleName().toString();
        List<Class<? extends Annotation>> present = present(method);
        List<LayerAnnotation> layers = new ArrayList<>();
        for (Class<? extends Annotation> a : present) {
            for (LayerAnnotation l : LAYERS) if (l.type() == a) layers.add(l);
        }
        List<Class<? extends Annotation>> poolings = present.stream().filter(POOLINGS::contains).toList();
        Origins.Origin here = new Origins.Origin(method, null, null);
        if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
            if (!present.isEmpty()) {
                String view = layers.isEmpty() ? DENSE_LAYER : layers.get(0).view();
                reader.error(Message.LAYER_METHOD_SHAPE.format(name, view), here);
            }
            return null; // default and static methods are the user's own
        }
        if (layers.isEmpty()) {
            if (!poolings.isEmpty()) {
                reader.error(Message.POOLING_WITHOUT_CONV.format(simple(poolings.get(0)), name), on(method,
                        poolings.get(0)));
            } else if (!present.isEmpty()) {
                reader.error(Message.LAYER_WITHOUT_MAIN.format(simple(present.get(0)), name), on(method,
                        present.get(0)));
            } else {
                reader.error(Message.METHOD_NOT_LAYER.format(name), here);
            }
            return null;
        }
        LayerAnnotation layer = layers.get(0);
        if (layers.size() > 1) {
            reader.error(Message.LAYER_TWICE.format(name, simple(layer.type()), simple(layers.get(1).type())),
                    on(method, layers.get(1).type()));
            return null;
        }
        if (!poolings.isEmpty() && layer.type() != Conv2d.class) {
            reader.error(Message.POOLING_NOT_CONV.format(simple(poolings.get(0)), name, simple(layer.type())),
                    on(method, poolings.get(0)));
            return null;
        }
        if (poolings.size() > 1) {
            reader.error(Message.POOLING_TWICE.format(name, simple(poolings.get(0)), simple(poolings.get(1))),
                    on(method, poolings.get(1)));
            return null;
        }
        if (!method.getParameters().isEmpty()) {
            reader.error(Message.LAYER_METHOD_SHAPE.format(name, layer.view()), here);
            return null;
        }
        if (!returns(method, layer.view())) {
            reader.error(Message.LAYER_RETURN_TYPE.format(simple(layer.type()), name, layer.view(),
                    method.getReturnType()), here);
            return null;
        }
        if (reserved.contains(name)) {
            reader.error(Message.LAYER_NAME_CLASH.format(name, name), here);
            return null;
        }
        if (CodeGenerator.reservedMethodNames().contains(name)) {
            reader.error(Message.LAYER_NAME_GENERATED.format(name), here);
            return null;
        }

        int index = counters.merge(layer.keyword(), 1, Integer::sum) - 1;
        InterfaceDecl.Layer decl = switch (layer.keyword()) {
            case "dense" -> dense(method);
            case "conv2d" -> conv2d(method);
            default -> recurrent(method, layer);
        };
        return new InterfaceDecl.Block(name, layer.keyword() + index, decl, batchNorm(method), pool(method),
                dropout(method));
    }

    // ---------------------------------------------------------------- layers

    private InterfaceDecl.Dense dense(ExecutableElement method) {
        Dense a = method.getAnnotation(Dense.class);
        String ann = Dense.class.getCanonicalName();
        return new InterfaceDecl.Dense(a.units(), origins.at(method, ann, "units"),
                nonlinearity(method, ann, a.activation(), a.alpha()), init(method, ann, "init", a.init()),
                given(method, ann, "bias", a.bias()));
    }

    private InterfaceDecl.Conv2d conv2d(ExecutableElement method) {
        Conv2d a = method.getAnnotation(Conv2d.class);
        String ann = Conv2d.class.getCanonicalName();
        return new InterfaceDecl.Conv2d(origins.at(method, ann), a.filters(), origins.at(method, ann, "filters"),
                kernel(method, a), given(method, ann, "stride", a.stride()),
                given(method, ann, "padding", a.padding()), init(method, ann, "init", a.init()),
                given(method, ann, "bias", a.bias()), nonlinearity(method, ann, a.activation(), a.alpha()));
    }

    /** K, or KH and KW; null after reporting a kernel given both ways, half, or not at all. */
    private Given<int[]> kernel(ExecutableElement method, Conv2d a) {
        String ann = Conv2d.class.getCanonicalName();
        boolean square = Origins.written(method, ann, "kernel");
        boolean height = Origins.written(method, ann, "kernelHeight");
        boolean width = Origins.written(method, ann, "kernelWidth");
        if (square && (height || width)) {
            reader.error(Message.KERNEL_BOTH.format(), origins.of(origins.at(method, ann,
                    height ? "kernelHeight" : "kernelWidth")));
            return null;
        }
        if (square) return new Given<>(new int[] {a.kernel()}, origins.at(method, ann, "kernel"));
        if (height && width) {
            // the language reports a bad height or width, or a kernel too large, at this one position
            String at = a.kernelHeight() >= 1 && a.kernelWidth() < 1 ? "kernelWidth" : "kernelHeight";
            return new Given<>(new int[] {a.kernelHeight(), a.kernelWidth()}, origins.at(method, ann, at));
        }
        if (height || width) {
            String given = height ? "kernelHeight" : "kernelWidth";
            reader.error(Message.KERNEL_HALF.format(given, height ? "kernelWidth" : "kernelHeight"),
                    origins.of(origins.at(method, ann, given)));
        } else {
            reader.error(Message.KERNEL_MISSING.format(method.getSimpleName()), on(method, Conv2d.class));
        }
        return null;
    }

    private InterfaceDecl.Recurrent recurrent(ExecutableElement method, LayerAnnotation layer) {
        String ann = layer.name();
        SourcePos pos = origins.at(method, ann);
        SourcePos unitsPos = origins.at(method, ann, "units");
        Rnn rnn = method.getAnnotation(Rnn.class);
        Lstm lstm = method.getAnnotation(Lstm.class);
        if (rnn != null) {
            Rnn a = rnn;
            return new InterfaceDecl.Recurrent("rnn", pos, a.units(), unitsPos,
                    given(method, ann, "activation", a.activation()), given(method, ann, "returnSequence",
                    a.returnSequence()), number(method, ann, "h0", a.h0(), "rnn h0"), null,
                    init(method, ann, "init", a.init()), init(method, ann, "recurrentInit", a.recurrentInit()));
        }
        if (lstm != null) {
            Lstm a = lstm;
            return new InterfaceDecl.Recurrent("lstm", pos, a.units(), unitsPos, null,
                    given(method, ann, "returnSequence", a.returnSequence()), null,
                    number(method, ann, "forgetBias", a.forgetBias(), "lstm forgetBias"),
                    init(method, ann, "init", a.init()), init(method, ann, "recurrentInit", a.recurrentInit()));
        }
        Gru a = method.getAnnotation(Gru.class);
        return new InterfaceDecl.Recurrent("gru", pos, a.units(), unitsPos, null,
                given(method, ann, "returnSequence", a.returnSequence()), null, null,
                init(method, ann, "init", a.init()), init(method, ann, "recurrentInit", a.recurrentInit()));
    }

    // ---------------------------------------------------------------- the parts after the layer

    private InterfaceDecl.BatchNorm batchNorm(ExecutableElement method) {
        BatchNorm a = method.getAnnotation(BatchNorm.class);
        if (a == null) return null;
        String ann = BatchNorm.class.getCanonicalName();
        return new InterfaceDecl.BatchNorm(origins.at(method, ann),
                number(method, ann, "momentum", a.momentum(), "batchnorm momentum"),
                number(method, ann, "eps", a.eps(), "batchnorm eps"), given(method, ann, "stats", a.stats()));
    }

    private InterfaceDecl.Pool pool(ExecutableElement method) {
        MaxPool max = method.getAnnotation(MaxPool.class);
        if (max != null) return window(method, MaxPool.class, "maxpool", max.value(), max.stride());
        AvgPool avg = method.getAnnotation(AvgPool.class);
        if (avg != null) return window(method, AvgPool.class, "avgpool", avg.value(), avg.stride());
        if (method.getAnnotation(GlobalAvgPool.class) != null) {
            return new InterfaceDecl.Pool("globalavgpool", origins.at(method, GlobalAvgPool.class.getCanonicalName()),
                    null, null);
        }
        return null;
    }

    private InterfaceDecl.Pool window(ExecutableElement method, Class<? extends Annotation> type, String keyword,
            int window, int stride) {
        String ann = type.getCanonicalName();
        return new InterfaceDecl.Pool(keyword, origins.at(method, ann),
                new Given<>(window, origins.at(method, ann, "value")), given(method, ann, "stride", stride));
    }

    private InterfaceDecl.Dropout dropout(ExecutableElement method) {
        Dropout a = method.getAnnotation(Dropout.class);
        if (a == null) return null;
        String ann = Dropout.class.getCanonicalName();
        SourcePos pPos = origins.at(method, ann, "value");
        reader.finite("dropout probability", a.value(), origins.of(pPos));
        return new InterfaceDecl.Dropout(a.value(), pPos, given(method, ann, "mode", a.mode()));
    }

    // ---------------------------------------------------------------- attributes

    /** The activation of a dense or conv block, null for IDENTITY; alpha only where it applies. */
    private InterfaceDecl.Nonlinearity nonlinearity(ExecutableElement method, String ann, Activation kind,
            double alpha) {
        Given<Double> givenAlpha = null;
        if (Origins.written(method, ann, "alpha")) {
            SourcePos pos = origins.at(method, ann, "alpha");
            if (kind != Activation.LEAKY_RELU && kind != Activation.ELU) {
                reader.error(Message.ALPHA_UNUSED.format(kind), origins.of(pos));
            } else if (reader.finite("alpha", alpha, origins.of(pos))) {
                givenAlpha = new Given<>(alpha, pos);
            }
        }
        if (kind == Activation.IDENTITY) return null;
        return new InterfaceDecl.Nonlinearity(kind, origins.at(method, ann, "activation"), givenAlpha);
    }

    /** An initializer other than DEFAULT, or null. */
    private InterfaceDecl.Initializer init(ExecutableElement method, String ann, String attribute, Init init) {
        SourcePos pos = origins.at(method, ann, attribute);
        if (init.value() == InitKind.DEFAULT) {
            if (init.args().length > 0) reader.error(Message.INIT_DEFAULT_ARGS.format(), origins.of(pos));
            return null;
        }
        for (double arg : init.args()) reader.finite("init argument", arg, origins.of(pos));
        return new InterfaceDecl.Initializer(init.value(), init.args().clone(), pos);
    }

    /** The attribute's value when the source writes it, else null (the language's default applies). */
    private <T> Given<T> given(ExecutableElement method, String ann, String attribute, T value) {
        if (!Origins.written(method, ann, attribute)) return null;
        return new Given<>(value, origins.at(method, ann, attribute));
    }

    /** As {@link #given}, for a number that must be finite (NaN and infinities are reported). */
    private Given<Double> number(ExecutableElement method, String ann, String attribute, double value, String what) {
        Given<Double> g = given(method, ann, attribute, value);
        if (g == null || !reader.finite(what, value, origins.of(g.pos()))) return null;
        return g;
    }

    // ---------------------------------------------------------------- method shape

    /** The castnet annotations of a method, in source order. */
    private static List<Class<? extends Annotation>> present(ExecutableElement method) {
        List<Class<? extends Annotation>> found = new ArrayList<>();
        for (AnnotationMirror m : method.getAnnotationMirrors()) {
            String type = m.getAnnotationType().asElement().toString();
            for (Class<? extends Annotation> a : ALL) {
                if (a.getCanonicalName().equals(type)) found.add(a);
            }
        }
        return found;
    }

    private boolean returns(ExecutableElement method, String view) {
        TypeMirror returned = method.getReturnType();
        if (returned.getKind() == TypeKind.ERROR) return true; // javac reports the unknown type itself
        TypeElement type = env.getElementUtils().getTypeElement(view);
        return type != null && env.getTypeUtils().isSameType(returned, type.asType());
    }

    private static Origins.Origin on(ExecutableElement method, Class<? extends Annotation> annotation) {
        return new Origins.Origin(method, Origins.mirror(method, annotation.getCanonicalName()), null);
    }

    private static String simple(Class<? extends Annotation> annotation) {
        return annotation.getSimpleName();
    }
}
