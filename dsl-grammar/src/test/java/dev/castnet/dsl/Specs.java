package dev.castnet.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the test specs live: the shared golden cases and the examples of SPEC.md kept as resources. */
final class Specs {
    static final List<String> EXAMPLES = List.of("fashion.nn", "mlp.nn", "everything.nn");

    private Specs() {}

    static Path goldenDir() {
        String root = System.getProperty("castnet.root");
        if (root != null) {
            Path p = Path.of(root, "..", "shared", "golden").normalize();
            if (Files.isDirectory(p)) return p;
        }
        return Path.of("/work/shared/golden");
    }

    static List<Path> golden() {
        try (Stream<Path> s = Files.list(goldenDir())) {
            return s.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example(String name) {
        try (InputStream in = Specs.class.getResourceAsStream("specs/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource specs/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every valid spec as (name, text). */
    static List<String[]> allValid() {
        List<String[]> out = new ArrayList<>();
        for (Path p : golden()) {
            try {
                out.add(new String[] {p.getFileName().toString(), Files.readString(p)});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String e : EXAMPLES) out.add(new String[] {e, example(e)});
        return out;
    }
}
