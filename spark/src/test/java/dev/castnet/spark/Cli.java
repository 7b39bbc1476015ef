package dev.castnet.spark;

import dev.castnet.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Runs the castnet command line in the test's JVM as a user would run it, and reads what it wrote. */
final class Cli {
    private Cli() {}

    record Run(int code, String out, String err) {}

    static Path root() {
        String r = System.getProperty("castnet.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    static Path digitsSearch() {
        return root().resolve("samples/src/main/nn/digits_search.nn");
    }

    /** A file of the build's target folder (the class path lists Maven writes there). */
    static Path target(String name) {
        return Path.of(System.getProperty("castnet.spark.classpathDir", "target")).resolve(name);
    }

    /** The entries of a class path list the build wrote. */
    static List<Path> classPath(String listFile) throws IOException {
        return Stream.of(Files.readString(target(listFile)).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** Runs {@code castnet ARGS}; the standard streams are captured for the run. */
    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** {@code castnet search SPEC --out OUT MORE…}. */
    static Run search(Path spec, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("search", spec.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }

    /** search.csv without its seconds column, the one figure that differs between identical runs. */
    static List<String> table(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("search.csv"));
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            rows.add(String.join(",", cells));
        }
        return rows;
    }

    /** The digits search sample with 4 epochs per trial, searched locally two at a time: the table Spark must give. */
    static synchronized List<String> digitsBaseline(Path dir) throws IOException {
        if (baseline == null) {
            Path out = dir.resolve("local");
            Run r = search(digitsSearch(), out, "--epochs", String.valueOf(DIGITS_EPOCHS), "--parallel", "2");
            if (r.code() != 0) throw new IllegalStateException("the local search failed: " + r.err() + r.out());
            baseline = table(out);
        }
        return baseline;
    }

    static final int DIGITS_EPOCHS = 4;
    private static List<String> baseline;

    /** Sets system properties for the length of a test (Spark reads its settings from spark.* properties). */
    static AutoCloseable properties(String... keyValues) {
        String[] old = new String[keyValues.length / 2];
        for (int i = 0; i < keyValues.length; i += 2) {
            old[i / 2] = System.getProperty(keyValues[i]);
            System.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return () -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                if (old[i / 2] == null) System.clearProperty(keyValues[i]);
                else System.setProperty(keyValues[i], old[i / 2]);
            }
        };
    }
}
