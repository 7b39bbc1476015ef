package dev.castnet.spark;

import dev.castnet.cli.ClusterSearch.Failure;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need on top of their own Spark: castnet and its libraries. spark-submit ships
 * its application jar itself; a driver started otherwise (./castnet, a test) names them in the system property
 * {@value #PROPERTY}, a path list whose folders of classes (a build's target/classes) are packed into
 * temporary jars, since Spark ships files, not folders.
 */
final class CastnetJars {
    static final String PROPERTY = "castnet.spark.jars";

    private CastnetJars() {}

    /** The named jars, folders packed; null when the property is not set. */
    static List<String> named() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) return null;
        List<String> jars = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                jars.add(pack(p).toString());
            } else if (Files.isRegularFile(p)) {
                jars.add(p.toAbsolutePath().toString());
            } else {
                throw new Failure("-D" + PROPERTY + " names " + entry + ", which does not exist");
            }
        }
        return jars;
    }

    /** A temporary jar of a folder of classes, removed when this JVM exits. */
    static Path pack(Path folder) {
        try {
            Path jar = Files.createTempFile("castnet-" + folder.getParent().getFileName() + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                    Stream<Path> files = Files.walk(folder)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    zip.putNextEntry(new JarEntry(folder.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + folder + " into a jar for Spark's executors", e);
        }
    }
}
