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

/** Where the test specs live: the parity cases of {@code tools/golden} and the language examples, as resources. */
final class Specs {
    static final List<String> EXAMPLES = List.of("fashion.nn", "mlp.nn", "everything.nn");

    private Specs() {}

    /** The parity cases, copied onto the test class path under {@code parity/} by the build. */
    static Path goldenDir() {
        try {
            java.net.URL url = Specs.class.getResource("/parity");
            if (url == null) throw new IllegalStateException("the parity cases are not on the test class path");
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
