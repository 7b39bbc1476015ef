package dev.castnet.processor;

import com.google.auto.service.AutoService;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.NetworkSpec;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.generator.GeneratedSource;
import dev.castnet.processor.generator.GenerationOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.lang.annotation.AnnotationTypeMismatchException;
import java.lang.annotation.IncompleteAnnotationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Adapts javac to castnet's javac-free pipeline (SPEC §3): {@code @NetworkSpec} files and {@code @Network}
 * interfaces become the same model as {@code .nn} text, go through the same validation, and the generator's
 * sources are written with the {@link javax.annotation.processing.Filer}. Errors are reported on the annotated
 * element (and its annotation and attribute where known) so an IDE points there.
 *
 * <p>Option {@code -Acastnet.specdir=DIR}: a folder searched for spec files after the source and class paths
 * (relative to the compiler's working directory).
 */
@AutoService(Processor.class)
public final class CastnetProcessor extends AbstractProcessor {
    /** The processor option naming a folder of {@code .nn} files. */
    public static final String SPEC_DIR_OPTION = "castnet.specdir";

    private Messager messager;
    private SpecLocator locator;
    /** Generated class name → what it came from, across rounds, so a clash is an error and not a FilerException. */
    private final Map<String, String> generated = new HashMap<>();
    /** The same names lower-cased → the name as generated: files of names that differ only in case collide too. */
    private final Map<String, String> generatedFolded = new HashMap<>();
    /** Top-level types of the sources being compiled, by lower-cased qualified name, except those generated here. */
    private final Map<String, String> sourceTypes = new HashMap<>();
    private final Set<Deferred> deferred = new LinkedHashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        messager = env.getMessager();
        String dir = env.getOptions().get(SPEC_DIR_OPTION);
        Path specDir = null;
        if (dir != null && !dir.isBlank()) {
            try {
                specDir = Path.of(dir);
            } catch (InvalidPathException e) {
                messager.printMessage(Kind.ERROR, Message.SPEC_DIR_INVALID.format(SPEC_DIR_OPTION, dir, e.getMessage()));
            }
        }
        locator = new SpecLocator(env.getFiler(), specDir);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> types = new LinkedHashSet<>();
        types.add(NetworkSpec.class.getCanonicalName());
        types.add(Network.class.getCanonicalName());
        for (Class<? extends Annotation> layer : BlockReader.ALL) types.add(layer.getCanonicalName());
        return types;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(SPEC_DIR_OPTION);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement t && !generated.containsKey(t.getQualifiedName().toString())) {
                String name = t.getQualifiedName().toString();
                sourceTypes.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        List<Deferred> retry = new ArrayList<>(deferred);
        deferred.clear();
        for (Deferred d : retry) {
            Element element = d.lookUp(processingEnv.getElementUtils());
            if (element == null) continue;
            if (d.spec()) guarded(element, true, () -> processSpec(element));
            else guarded(element, false, () -> processNetwork(element));
        }
        for (Element element : round.getElementsAnnotatedWith(NetworkSpec.class)) {
            guarded(element, true, () -> processSpec(element));
        }
        for (Element element : round.getElementsAnnotatedWith(Network.class)) {
            guarded(element, false, () -> processNetwork(element));
        }
        for (Class<? extends Annotation> layer : BlockReader.ALL) {
            for (Element element : round.getElementsAnnotatedWith(layer)) {
                guarded(element, false, () -> checkInsideNetwork(element, layer));
            }
        }
        return false; // the annotations may be of interest to other processors too
    }

    /**
     * An element whose annotation values did not resolve (a constant javac could not find, perhaps one another
     * processor generates in a later round): retried each round, by name because elements do not outlive their
     * round. If it never resolves, javac reports the unknown symbol after the last round; a castnet message would
     * only repeat it.
     */
    private record Deferred(boolean spec, boolean isPackage, String name) {
        Element lookUp(Elements elements) {
            return isPackage ? elements.getPackageElement(name) : elements.getTypeElement(name);
        }
    }

    private void guarded(Element element, boolean spec, Runnable work) {
        try {
            work.run();
        } catch (AnnotationTypeMismatchException | IncompleteAnnotationException e) {
            // javac reports the unresolved value itself; our own message would only repeat it
            if (element instanceof PackageElement p) {
                deferred.add(new Deferred(spec, true, p.getQualifiedName().toString()));
            } else if (element instanceof TypeElement t) {
                deferred.add(new Deferred(spec, false, t.getQualifiedName().toString()));
            }
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            messager.printMessage(Kind.ERROR, Message.INTERNAL.format(element, e, trace), element);
        }
    }

    // ---- @NetworkSpec ----

    private void processSpec(Element element) {
        AnnotationMirror mirror = Origins.mirror(element, NetworkSpec.class.getCanonicalName());
        AnnotationValue names = mirror == null ? null : Origins.explicitValue(mirror, "value");
        String packageName = processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString();
        String[] files = element.getAnnotation(NetworkSpec.class).value();
        for (int i = 0; i < files.length; i++) {
            AnnotationValue nameValue = names == null ? null : elementOf(names, i);
            String name = files[i].strip();
            if (name.isEmpty()) {
                error(Message.SPEC_EMPTY_NAME.format(), element, mirror, nameValue);
                continue;
            }
            SpecLocator.Found found;
            try {
                found = locator.locate(packageName, name);
            } catch (SpecLocator.NotFoundException e) {
                error(Message.SPEC_NOT_FOUND.format(name, String.join(", ", e.tried)), element, mirror, nameValue);
                continue;
            } catch (IOException e) {
                error(Message.SPEC_UNREADABLE.format(name, e), element, mirror, nameValue);
                continue;
            }
            SpecResult result = Frontend.parseSpec(found.displayName(), found.text(), packageName);
            boolean failed = false;
            for (Diagnostic d : result.diagnostics()) {
                // the position of a .nn error is in another file: it leads the message, the IDE marks the annotation
                messager.printMessage(d.isError() ? Kind.ERROR : Kind.WARNING, d.pos() + ": " + d.message(), element,
                        mirror, nameValue);
                failed |= d.isError();
            }
            if (failed) continue;
            if (result.networks().isEmpty()) {
                error(Message.SPEC_NO_NETWORK.format(found.displayName()), element, mirror, nameValue);
                continue;
            }
            for (NetworkModel model : result.networks()) {
                write(CodeGenerator.generate(model, GenerationOptions.spec()),
                        new Origins.Origin(element, mirror, nameValue), found.displayName() + " on " + element);
            }
        }
    }

    private static AnnotationValue elementOf(AnnotationValue value, int i) {
        // a single string is written without braces; javac still presents it as a one-element array
        if (value.getValue() instanceof List<?> list && i < list.size() && list.get(i) instanceof AnnotationValue v) {
            return v;
        }
        return value;
    }

    // ---- @Network ----

    private void processNetwork(Element element) {
        // held back until the whole interface is read: an unresolved value met halfway defers it to the next
        // round, which would report the first half again
        List<Runnable> pending = new ArrayList<>();
        InterfaceReader.Read read = new InterfaceReader(processingEnv,
                (kind, message, origin) -> pending.add(() -> report(kind, message, origin))).read(element);
        pending.forEach(Runnable::run);
        if (read == null) return; // reported
        SpecResult result = Frontend.validate(read);
        boolean failed = false;
        for (Diagnostic d : result.diagnostics()) {
            Origins.Origin origin = read.origins().of(d.pos());
            report(d.isError() ? Kind.ERROR : Kind.WARNING, d.message(), origin);
            failed |= d.isError();
        }
        if (failed) return;
        for (NetworkModel model : result.networks()) {
            String interfaceName = ((TypeElement) element).getQualifiedName().toString();
            write(CodeGenerator.generate(model, new GenerationOptions(interfaceName, read.layerViews(),
                    GenerationOptions.GENERATOR)), read.origins().of(null), "@Network " + interfaceName);
        }
    }

    private void checkInsideNetwork(Element element, Class<? extends Annotation> layer) {
        Element owner = element.getEnclosingElement();
        if (owner != null && owner.getAnnotation(Network.class) != null) return; // processNetwork checks it
        error(Message.LAYER_NOT_IN_NETWORK.format(layer.getSimpleName(), element.getSimpleName()), element,
                Origins.mirror(element, layer.getCanonicalName()), null);
    }

    // ---- output and messages ----

    private void write(List<GeneratedSource> sources, Origins.Origin origin, String from) {
        String refused = null;
        for (GeneratedSource source : sources) {
            String name = source.qualifiedName();
            // a network's int8 class (written right after it) shares its name's problem: reported once
            if (refused != null && name.equals(refused + "Int8")) continue;
            refused = name;
            String previous = generated.get(name);
            if (previous != null) {
                report(Kind.ERROR, Message.DUPLICATE_CLASS.format(name, previous, from), origin);
                continue;
            }
            String similar = generatedFolded.get(name.toLowerCase(Locale.ROOT));
            if (similar != null) {
                report(Kind.ERROR, Message.CLASS_CASE_CLASH.format(similar, generated.get(similar), name, from), origin);
                continue;
            }
            String existing = existingType(name);
            if (existing != null) {
                int dot = name.lastIndexOf('.');
                report(Kind.ERROR, Message.CLASS_EXISTS.format(name, from,
                        dot < 0 ? "(unnamed)" : name.substring(0, dot), existing), origin);
                continue;
            }
            refused = null;
            generated.put(name, from);
            generatedFolded.put(name.toLowerCase(Locale.ROOT), name);
            try (Writer out = processingEnv.getFiler().createSourceFile(source.qualifiedName(), origin.element())
                    .openWriter()) {
                out.write(source.source());
            } catch (IOException e) {
                report(Kind.ERROR, Message.CANNOT_WRITE.format(source.qualifiedName(), e.getMessage()), origin);
            }
        }
    }

    /**
     * The simple name of a top-level type compiled from the user's sources that a generated class of this name
     * would replace, exactly or but for case; null when there is none. Classes on the class path are not
     * considered: they include this processor's own output of an earlier build.
     */
    private String existingType(String qualifiedName) {
        String other = sourceTypes.get(qualifiedName.toLowerCase(Locale.ROOT));
        return other == null ? null : other.substring(other.lastIndexOf('.') + 1);
    }

    void report(Kind kind, String message, Origins.Origin origin) {
        messager.printMessage(kind, message, origin.element(), origin.mirror(), origin.value());
    }

    private void error(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        messager.printMessage(Kind.ERROR, message, element, mirror, value);
    }
}
