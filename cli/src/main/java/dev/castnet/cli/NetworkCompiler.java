package dev.castnet.cli;

import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.generator.GeneratedSource;
import dev.castnet.processor.generator.GenerationOptions;
import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.TrainableNetwork;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a spec's generated classes in process with javax.tools (no Maven needed) and instantiates
 * them. The classes are written to a temporary folder that is removed when the JVM exits.
 */
final class NetworkCompiler {
    private NetworkCompiler() {}

    /** Compiles every class of {@code model} and returns a loader for them. */
    static ClassLoader compile(NetworkModel model) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("castnet train needs a JDK (javac), but this Java runtime has none: " + System.getProperty("java.home"));
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (GeneratedSource s : CodeGenerator.generate(model, GenerationOptions.spec())) {
            units.add(new SimpleJavaFileObject(
                    java.net.URI.create("string:///" + s.qualifiedName().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.source();
                }
            });
        }
        try {
            Path out = Files.createTempDirectory("castnet-classes");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(out)));
            StringWriter log = new StringWriter();
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                List<String> options = List.of("-d", out.toString(), "-classpath",
                        System.getProperty("java.class.path"), "-proc:none", "-nowarn", "-g");
                boolean ok = javac.getTask(log, files, null, options, null, units).call();
                if (!ok) {
                    // a defect in castnet, not in the spec: said plainly, with javac's words, without a stack trace
                    throw new UserError("castnet could not compile the code it generated for network " + model.name()
                            + " of " + model.specFile() + "; this is a defect in castnet, please report it with the spec."
                            + " javac said:\n" + log.toString().strip());
                }
            }
            return new URLClassLoader(new URL[] {out.toUri().toURL()}, NetworkCompiler.class.getClassLoader());
        } catch (IOException e) {
            throw new UserError("cannot write compiled classes to a temporary folder: " + e.getMessage());
        }
    }

    /** A new instance of the generated class of {@code variant}. */
    static TrainableNetwork instantiate(ClassLoader loader, Network variant, int maxBatch, long seed) {
        String name = variant.packageName().isEmpty() ? variant.className()
                : variant.packageName() + "." + variant.className();
        try {
            Class<?> type = loader.loadClass(name);
            return (TrainableNetwork) type.getConstructor(int.class, long.class).newInstance(maxBatch, seed);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof NegativeArraySizeException || e.getCause() instanceof OutOfMemoryError) {
                // the callers check memory and array sizes first; this is what their estimates missed
                throw new UserError("network " + variant.className() + " does not fit in memory for batch " + maxBatch
                        + " (" + e.getCause() + "); lower the batch or the layer sizes, or give the JVM more heap with "
                        + "-Xmx (JAVA_OPTS=-Xmx8g ./castnet ...)");
            }
            throw new IllegalStateException("constructing " + name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + name + " cannot be loaded", e);
        }
    }

    /** A new instance of the generated int8 class of {@code variant} ({@code FooInt8}, SPEC §6). */
    static Int8Network instantiateInt8(ClassLoader loader, Network variant, int maxBatch) {
        String simple = CodeGenerator.int8ClassName(variant);
        String name = variant.packageName().isEmpty() ? simple : variant.packageName() + "." + simple;
        try {
            return (Int8Network) loader.loadClass(name).getConstructor(int.class).newInstance(maxBatch);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructing " + name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + name + " cannot be loaded", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
