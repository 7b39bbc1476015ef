package dev.castnet.processor.generator;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.kernel.DenseKernels;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the system Java compiler into a temporary folder and loads them with a class
 * loader whose parent sees the runtime (and the test classpath).
 */
final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /** Compiles every source together; fails with the compiler's diagnostics and the numbered source. */
    static ClassLoader compile(List<GeneratedSource> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
        try {
            Path out = Files.createTempDirectory("castnet-gen");
            out.toFile().deleteOnExit();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
                files.setLocation(StandardLocation.CLASS_PATH, classPath());
                List<JavaFileObject> units = new ArrayList<>();
                for (GeneratedSource s : sources) units.add(new Source(s));
                StringWriter log = new StringWriter();
                boolean ok = javac.getTask(log, files, diagnostics, List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17"),
                        null, units).call();
                if (!ok) {
                    StringBuilder b = new StringBuilder("generated code does not compile:\n").append(log);
                    diagnostics.getDiagnostics().forEach(d -> b.append(d).append('\n'));
                    for (GeneratedSource s : sources) b.append(numbered(s.source()));
                    throw new AssertionError(b.toString());
                }
            }
            return new URLClassLoader(new URL[] {out.toUri().toURL()}, InMemoryCompiler.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrainableNetwork instantiate(ClassLoader loader, String qualifiedName, int maxBatch, long seed) {
        try {
            Class<?> c = loader.loadClass(qualifiedName);
            return (TrainableNetwork) c.getConstructor(int.class, long.class).newInstance(maxBatch, seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generated class's public {@code outputs(batch)} (training-mode output after a step). */
    static double[] outputs(TrainableNetwork net, int batch) {
        try {
            return (double[]) net.getClass().getMethod("outputs", int.class).invoke(net, batch);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<File> classPath() {
        Set<File> path = new LinkedHashSet<>();
        for (Class<?> c : List.of(TrainableNetwork.class, DenseKernels.class, InMemoryCompiler.class)) {
            try {
                path.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isEmpty()) path.add(new File(p));
        }
        return path;
    }

    private static String numbered(String source) {
        StringBuilder b = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) b.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        return b.toString();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(GeneratedSource s) {
            super(java.net.URI.create("string:///" + s.qualifiedName().replace('.', '/') + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.text = s.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
