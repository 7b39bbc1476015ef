package dev.castnet.cli;

import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.generator.GeneratedSource;
import dev.castnet.processor.generator.GenerationOptions;
import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.search.SearchRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a spec's generated classes in process with javax.tools (no Maven needed) and instantiates them.
 * The class files stay in memory: a loader defines them from their bytes, and the bytes can be sent where
 * no compiler runs (castnet-spark's executors, which may have a JRE only).
 */
final class NetworkCompiler {
    private NetworkCompiler() {}

    /** Compiles every class of {@code model} and returns a loader for them. */
    static ClassLoader compile(NetworkModel model) {
        return loader(compileClasses(model));
    }

    /** Every class of {@code model}, compiled: binary name to class file bytes. */
    static Map<String, byte[]> compileClasses(NetworkModel model) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UserError("castnet needs a JDK (javac) to compile the network, but this Java runtime has none: "
                    + System.getProperty("java.home"));
        }
        List<JavaFileObject> units = new ArrayList<>();
        for (GeneratedSource s : CodeGenerator.generate(model, GenerationOptions.spec())) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + s.qualifiedName().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.source();
                }
            });
        }
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
                JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(Location location, String className,
                            JavaFileObject.Kind kind, FileObject sibling) {
                        URI uri = URI.create("memory:///" + className.replace('.', '/') + kind.extension);
                        return new SimpleJavaFileObject(uri, kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                                out.put(className, bytes);
                                return bytes;
                            }
                        };
                    }
                }) {
            List<String> options = List.of("-classpath", classPath(), "-proc:none", "-nowarn", "-g");
            if (!javac.getTask(log, files, null, options, null, units).call()) {
                // a defect in castnet, not in the spec: said plainly, with javac's words, without a stack trace
                throw new UserError("castnet could not compile the code it generated for network " + model.name()
                        + " of " + model.specFile() + "; this is a defect in castnet, please report it with the spec."
                        + " javac said:\n" + log.toString().strip());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("closing the compiler's file manager failed", e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return Collections.unmodifiableMap(classes);
    }

    /**
     * The class path the generated code compiles against: the JVM's, plus wherever castnet's own classes were
     * loaded from. Under spark-submit the castnet jar is not on {@code java.class.path} but in a loader of Spark's.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> c : List.of(TrainableNetwork.class, SearchRunner.class)) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) continue;
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file (a custom loader): java.class.path has to do
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    /** A loader that defines the compiled classes from their bytes, on top of the loader of castnet's own classes. */
    static ClassLoader loader(Map<String, byte[]> classes) {
        return new GeneratedClassLoader(classes, NetworkCompiler.class.getClassLoader());
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

    private static final class GeneratedClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        GeneratedClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
