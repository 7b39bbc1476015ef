package dev.castnet.processor;

import dev.castnet.annotations.Clip;
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
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * Reads a {@code @Network} interface into an {@link InterfaceDecl}: one layer block per abstract method, in
 * declaration order ({@link BlockReader}). Reports what only annotations can get wrong (a class instead of an
 * interface, a method without a layer annotation, two input forms) and leaves the language's rules to the
 * validator.
 */
final class InterfaceReader {
    /** Reports a diagnostic at an origin. */
    interface Reporter {
        void report(Kind kind, String message, Origins.Origin origin);
    }

    /**
     * The declaration, its origins, and the layer views: interface method name → the layer's name in the model
     * ({@code dense0}, {@code conv2d1}, {@code lstm0}).
     */
    record Read(InterfaceDecl decl, Origins origins, LinkedHashMap<String, String> layerViews) {}

    static final String TRAINABLE_NETWORK = "dev.castnet.runtime.TrainableNetwork";
    /** What TrainableNetwork extends: the generated class implements its methods too. */
    static final String INFERENCE_NETWORK = "dev.castnet.runtime.InferenceNetwork";
    private static final String NETWORK = Network.class.getCanonicalName();

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
        BlockReader blockReader = new BlockReader(this, env, origins);
        List<InterfaceDecl.Block> blocks = new ArrayList<>();
        LinkedHashMap<String, String> views = new LinkedHashMap<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            InterfaceDecl.Block block = blockReader.read(method, reserved);
            if (block != null) {
                views.put(block.method(), block.layerName());
                blocks.add(block);
            }
        }
        if (blocks.isEmpty() && !failed) error(Message.NETWORK_NO_LAYERS.format(type.getSimpleName()), here);

        int[] input = readInput(network, here);
        SourcePos inputPos = origins.at(type, NETWORK, input.length == 2 ? "steps" : input.length == 3 ? "height"
                : "input");

        Optimizer optimizer = network.optimizer();
        Map<String, Double> optimizerArgs = new LinkedHashMap<>();
        Map<String, SourcePos> optimizerArgPos = new LinkedHashMap<>();
        double[] values = {optimizer.lr(), optimizer.rho(), optimizer.beta1(), optimizer.beta2(), optimizer.eps(),
            optimizer.wd()};
        String[] names = {"lr", "rho", "beta1", "beta2", "eps", "wd"};
        for (int i = 0; i < names.length; i++) {
            if (!Origins.written(type, NETWORK, "optimizer", names[i])) continue; // the optimizer's default
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

        InterfaceDecl.Train trainDecl = readTrain(type, network.train(), origins);

        if (failed) return null;
        String packageName = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        InterfaceDecl decl = new InterfaceDecl(type.getSimpleName().toString(), packageName, input, inputPos,
                network.loss(), origins.at(type, NETWORK, "loss"), optimizer.value(), optimizerArgs, optimizerArgPos,
                origins.at(type, NETWORK, "optimizer"), clipKind, clipBound, clipPos, network.l1(), l1Pos,
                network.l2(), l2Pos, network.precision(), origins.at(type, NETWORK, "precision"), trainDecl,
                blocks, origins.at(type, NETWORK));
        return new Read(decl, origins, views);
    }

    /** The {@code train { }} settings the source writes; the others are the language's defaults. */
    private InterfaceDecl.Train readTrain(TypeElement type, Train train, Origins origins) {
        InterfaceDecl.Given<Double> validation = null;
        if (Origins.written(type, NETWORK, "train", "validation")) {
            SourcePos pos = origins.at(type, NETWORK, "train", "validation");
            if (finite("validation", train.validation(), origins.of(pos))) {
                validation = new InterfaceDecl.Given<>(train.validation(), pos);
            }
        }
        return new InterfaceDecl.Train(trainGiven(type, origins, "epochs", train.epochs()),
                trainGiven(type, origins, "batch", train.batch()), validation,
                trainGiven(type, origins, "seed", train.seed()), trainGiven(type, origins, "shuffle", train.shuffle()),
                origins.at(type, NETWORK, "train"));
    }

    private static <T> InterfaceDecl.Given<T> trainGiven(TypeElement type, Origins origins, String attribute,
            T value) {
        if (!Origins.written(type, NETWORK, "train", attribute)) return null;
        return new InterfaceDecl.Given<>(value, origins.at(type, NETWORK, "train", attribute));
    }

    /** {@code [N]}, {@code [T, F]} or {@code [H, W, C]}. */
    private int[] readInput(Network network, Origins.Origin here) {
        boolean image = network.height() != 0 || network.width() != 0 || network.channels() != 0;
        boolean sequence = network.steps() != 0;
        if (image && (network.input() != 0 || sequence)) {
            error(Message.INPUT_BOTH.format(), here);
            return new int[] {network.input()};
        }
        if (sequence) {
            if (network.steps() < 1 || network.input() < 1) {
                error(Message.INPUT_SEQUENCE_INCOMPLETE.format(network.steps(), network.input()), here);
            }
            return new int[] {network.steps(), network.input()};
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

    /** Abstract methods inherited from anything but TrainableNetwork (and its InferenceNetwork) would be left unimplemented. */
    private void checkInherited(TypeElement type, Origins.Origin here) {
        List<String> inherited = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(type))) {
            Element owner = m.getEnclosingElement();
            if (owner.equals(type) || !m.getModifiers().contains(Modifier.ABSTRACT)) continue;
            String ownerName = ((TypeElement) owner).getQualifiedName().toString();
            if (ownerName.equals(TRAINABLE_NETWORK) || ownerName.equals(INFERENCE_NETWORK)
                    || ownerName.equals("java.lang.Object")) {
                continue;
            }
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
            for (ExecutableElement m : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(trainable))) {
                // its own methods and InferenceNetwork's, not Object's
                if (((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object")) continue;
                names.add(m.getSimpleName().toString());
            }
        }
        return names;
    }

    boolean finite(String what, double value, Origins.Origin origin) {
        if (Double.isFinite(value)) return true;
        error(Message.NOT_FINITE.format(what, value), origin);
        return false;
    }

    void error(String message, Origins.Origin origin) {
        failed = true;
        reporter.report(Kind.ERROR, message, origin);
    }
}
