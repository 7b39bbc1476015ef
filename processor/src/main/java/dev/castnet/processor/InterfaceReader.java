package dev.castnet.processor;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNorm;
import dev.castnet.annotations.Clip;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Dropout;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.Optimizer;
import dev.castnet.annotations.Train;
import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * Reads a {@code @Network} interface into an {@link InterfaceDecl}: one layer block per abstract method, in
 * declaration order. Reports what only annotations can get wrong (a class instead of an interface, a method
 * without {@code @Dense}, both input forms) and leaves the language's rules to the validator.
 */
final class InterfaceReader {
    /** Reports a diagnostic at an origin. */
    interface Reporter {
        void report(Kind kind, String message, Origins.Origin origin);
    }

    /** The declaration, its origins, and the layer views: method name → dense index. */
    record Read(InterfaceDecl decl, Origins origins, LinkedHashMap<String, String> layerViews) {}

    static final String DENSE_LAYER = "dev.castnet.runtime.DenseLayer";
    static final String TRAINABLE_NETWORK = "dev.castnet.runtime.TrainableNetwork";
    private static final String NETWORK = Network.class.getCanonicalName();
    private static final String DENSE = Dense.class.getCanonicalName();
    private static final String BATCH_NORM = BatchNorm.class.getCanonicalName();
    private static final String DROPOUT = Dropout.class.getCanonicalName();

    private final ProcessingEnvironment env;
    private final Reporter reporter;
    private boolean failed;

    InterfaceReader(ProcessingEnvironment env, Reporter reporter) {
        this.env = env;
        this.reporter = reporter;
    }

    /** The declaration, or null when an error was reported. */
    Read read(Element element) {
        Origins.Origin here = new Origins.Origin(element, Origins.mirror(element, NETWORK), null);
        if (element.getKind() != ElementKind.INTERFACE) {
            error(Message.NETWORK_NOT_INTERFACE.format(element.getKind().toString().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '), element.getSimpleName()), here);
            return null;
        }
        TypeElement type = (TypeElement) element;
        if (!type.getTypeParameters().isEmpty()) {
            error(Message.NETWORK_GENERIC.format(type.getSimpleName()), here);
            return null;
        }
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                error(Message.NETWORK_PRIVATE.format(type.getSimpleName()), here);
                return null;
            }
        }
        Origins origins = new Origins(type.getQualifiedName().toString(), type);
        Network network = type.getAnnotation(Network.class);
        checkInherited(type, here);

        Set<String> reserved = trainableNetworkMethods();
        List<InterfaceDecl.Block> blocks = new ArrayList<>();
        LinkedHashMap<String, String> views = new LinkedHashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            InterfaceDecl.Block block = readBlock(method, origins, reserved);
            if (block != null) {
                views.put(block.method(), "dense" + blocks.size());
                blocks.add(block);
            }
        }
        if (blocks.isEmpty() && !failed) error(Message.NETWORK_NO_LAYERS.format(type.getSimpleName()), here);

        int[] input = readInput(network, type, here);
        SourcePos inputPos = origins.at(type, NETWORK, network.input() != 0 ? "input" : "height");

        Optimizer optimizer = network.optimizer();
        Map<String, Double> optimizerArgs = new LinkedHashMap<>();
        Map<String, SourcePos> optimizerArgPos = new LinkedHashMap<>();
        double[] values = {optimizer.lr(), optimizer.rho(), optimizer.beta1(), optimizer.beta2(), optimizer.eps(),
            optimizer.wd()};
        String[] names = {"lr", "rho", "beta1", "beta2", "eps", "wd"};
        for (int i = 0; i < names.length; i++) {
            if (Double.isNaN(values[i])) continue; // unset: the optimizer's SPEC default
            SourcePos pos = origins.at(type, NETWORK, "optimizer", names[i]);
            if (finite("optimizer " + names[i], values[i], origins.of(pos))) {
                optimizerArgs.put(names[i], values[i]);
                optimizerArgPos.put(names[i], pos);
            }
        }

        Clip clip = network.clip();
        String clipKind = null;
        double clipBound = 0;
        SourcePos clipPos = origins.at(type, NETWORK, "clip");
        boolean norm = !Double.isNaN(clip.norm());
        boolean value = !Double.isNaN(clip.value());
        if (norm && value) {
            error(Message.CLIP_BOTH.format(), origins.of(clipPos));
        } else if (norm || value) {
            clipKind = norm ? "norm" : "value";
            clipPos = origins.at(type, NETWORK, "clip", clipKind);
            clipBound = norm ? clip.norm() : clip.value();
            finite("clip " + clipKind, clipBound, origins.of(clipPos));
        }

        SourcePos l1Pos = origins.at(type, NETWORK, "l1");
        finite("l1", network.l1(), origins.of(l1Pos));
        SourcePos l2Pos = origins.at(type, NETWORK, "l2");
        finite("l2", network.l2(), origins.of(l2Pos));

        Train train = network.train();
        SourcePos validationPos = origins.at(type, NETWORK, "train", "validation");
        finite("validation", train.validation(), origins.of(validationPos));
        InterfaceDecl.Train trainDecl = new InterfaceDecl.Train(train.epochs(), origins.at(type, NETWORK, "train",
                "epochs"), train.batch(), origins.at(type, NETWORK, "train", "batch"), train.validation(),
                validationPos, train.seed(), origins.at(type, NETWORK, "train", "seed"), train.shuffle(),
                origins.at(type, NETWORK, "train", "shuffle"), origins.at(type, NETWORK, "train"));

        if (failed) return null;
        String packageName = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        InterfaceDecl decl = new InterfaceDecl(type.getSimpleName().toString(), packageName, input, inputPos,
                network.loss(), origins.at(type, NETWORK, "loss"), optimizer.value(), optimizerArgs, optimizerArgPos,
                origins.at(type, NETWORK, "optimizer"), clipKind, clipBound, clipPos, network.l1(), l1Pos,
                network.l2(), l2Pos, network.precision(), origins.at(type, NETWORK, "precision"), trainDecl,
                blocks, origins.at(type, NETWORK));
        return new Read(decl, origins, views);
    }

    private InterfaceDecl.Block readBlock(ExecutableElement method, Origins origins, Set<String> reserved) {
        Dense dense = method.getAnnotation(Dense.class);
        BatchNorm batchNorm = method.getAnnotation(BatchNorm.class);
        Dropout dropout = method.getAnnotation(Dropout.class);
        String name = method.getSimpleName().toString();
        boolean layerMethod = method.getModifiers().contains(Modifier.ABSTRACT);
        Origins.Origin here = new Origins.Origin(method, null, null);
        if (!layerMethod) {
            if (dense != null || batchNorm != null || dropout != null) {
                error(Message.LAYER_METHOD_SHAPE.format(name, DENSE_LAYER), here);
            }
            return null; // default and static methods are the user's own
        }
        if (dense == null) {
            if (batchNorm != null) {
                error(Message.LAYER_WITHOUT_DENSE.format("BatchNorm", name),
                        new Origins.Origin(method, Origins.mirror(method, BATCH_NORM), null));
            } else if (dropout != null) {
                error(Message.LAYER_WITHOUT_DENSE.format("Dropout", name),
                        new Origins.Origin(method, Origins.mirror(method, DROPOUT), null));
            } else {
                error(Message.METHOD_NOT_LAYER.format(name), here);
            }
            return null;
        }
        if (!method.getParameters().isEmpty() || !returnsDenseLayer(method)) {
            error(Message.LAYER_METHOD_SHAPE.format(name, DENSE_LAYER), here);
            return null;
        }
        if (reserved.contains(name)) {
            error(Message.LAYER_NAME_CLASH.format(name, name), here);
            return null;
        }

        SourcePos alphaPos = origins.at(method, DENSE, "alpha");
        double alpha = dense.alpha();
        if (!Double.isNaN(alpha)) {
            if (dense.activation() != Activation.LEAKY_RELU && dense.activation() != Activation.ELU) {
                error(Message.ALPHA_UNUSED.format(dense.activation()), origins.of(alphaPos));
            } else {
                finite("alpha", alpha, origins.of(alphaPos));
            }
        }
        SourcePos initPos = origins.at(method, DENSE, "init");
        for (double arg : dense.init().args()) finite("init argument", arg, origins.of(initPos));
        InterfaceDecl.Dense denseDecl = new InterfaceDecl.Dense(dense.units(), origins.at(method, DENSE, "units"),
                dense.activation(), origins.at(method, DENSE, "activation"), alpha, alphaPos, dense.init().value(),
                dense.init().args().clone(), initPos, dense.bias(), origins.at(method, DENSE, "bias"));

        InterfaceDecl.BatchNorm batchNormDecl = null;
        if (batchNorm != null) {
            SourcePos momentumPos = origins.at(method, BATCH_NORM, "momentum");
            SourcePos epsPos = origins.at(method, BATCH_NORM, "eps");
            finite("batchnorm momentum", batchNorm.momentum(), origins.of(momentumPos));
            finite("batchnorm eps", batchNorm.eps(), origins.of(epsPos));
            batchNormDecl = new InterfaceDecl.BatchNorm(batchNorm.momentum(), momentumPos, batchNorm.eps(), epsPos,
                    batchNorm.stats(), origins.at(method, BATCH_NORM, "stats"), origins.at(method, BATCH_NORM));
        }
        InterfaceDecl.Dropout dropoutDecl = null;
        if (dropout != null) {
            SourcePos pPos = origins.at(method, DROPOUT, "value");
            finite("dropout probability", dropout.value(), origins.of(pPos));
            dropoutDecl = new InterfaceDecl.Dropout(dropout.value(), pPos, dropout.mode(),
                    origins.at(method, DROPOUT, "mode"));
        }
        return new InterfaceDecl.Block(name, denseDecl, batchNormDecl, dropoutDecl);
    }

    private int[] readInput(Network network, TypeElement type, Origins.Origin here) {
        boolean image = network.height() != 0 || network.width() != 0 || network.channels() != 0;
        if (network.input() != 0 && image) {
            error(Message.INPUT_BOTH.format(), here);
            return new int[] {network.input()};
        }
        if (network.input() != 0) return new int[] {network.input()};
        if (!image) {
            error(Message.INPUT_MISSING.format(), here);
            return new int[] {0};
        }
        if (network.height() < 1 || network.width() < 1 || network.channels() < 1) {
            error(Message.INPUT_IMAGE_INCOMPLETE.format(network.height(), network.width(), network.channels()), here);
        }
        return new int[] {network.height(), network.width(), network.channels()};
    }

    private boolean returnsDenseLayer(ExecutableElement method) {
        TypeMirror returned = method.getReturnType();
        if (returned.getKind() == TypeKind.ERROR) return true; // javac reports the unknown type itself
        TypeElement denseLayer = env.getElementUtils().getTypeElement(DENSE_LAYER);
        return denseLayer != null && env.getTypeUtils().isSameType(returned, denseLayer.asType());
    }

    /** Abstract methods inherited from anything but TrainableNetwork would be left unimplemented. */
    private void checkInherited(TypeElement type, Origins.Origin here) {
        List<String> inherited = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(type))) {
            Element owner = m.getEnclosingElement();
            if (owner.equals(type) || !m.getModifiers().contains(Modifier.ABSTRACT)) continue;
            String ownerName = ((TypeElement) owner).getQualifiedName().toString();
            if (ownerName.equals(TRAINABLE_NETWORK) || ownerName.equals("java.lang.Object")) continue;
            inherited.add(ownerName + "." + m.getSimpleName() + "()");
        }
        if (!inherited.isEmpty()) {
            error(Message.NETWORK_INHERITS.format(type.getSimpleName(), String.join(", ", inherited)), here);
        }
    }

    private Set<String> trainableNetworkMethods() {
        Set<String> names = new HashSet<>();
        TypeElement trainable = env.getElementUtils().getTypeElement(TRAINABLE_NETWORK);
        if (trainable != null) {
            for (ExecutableElement m : ElementFilter.methodsIn(trainable.getEnclosedElements())) {
                names.add(m.getSimpleName().toString());
            }
        }
        return names;
    }

    private boolean finite(String what, double value, Origins.Origin origin) {
        if (Double.isFinite(value)) return true;
        error(Message.NOT_FINITE.format(what, value), origin);
        return false;
    }

    private void error(String message, Origins.Origin origin) {
        failed = true;
        reporter.report(Kind.ERROR, message, origin);
    }
}
