package dev.castnet.dsl;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.dsl.parser.SpecParser;
import dev.castnet.dsl.validate.Message;
import dev.castnet.dsl.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The front end in one call: {@code .nn} text → syntax check → validation → resolved networks. Never throws
 * for any input; everything wrong is a positioned {@link Diagnostic}. When the text has syntax errors, they are
 * reported with the validation errors of the networks they did not touch, and no network is returned.
 */
public final class SpecLoader {
    /**
     * Diagnostics reported per file; the rest are counted in one last line. A file of random bytes would
     * otherwise print thousands of lines (javac stops at 100 errors, clang at 20).
     */
    public static final int MAX_DIAGNOSTICS = 50;

    private SpecLoader() {}

    public static SpecResult parse(String fileName, String text) {
        try {
            SpecParser.Result parsed = SpecParser.parse(fileName, text);
            if (parsed.intact() == null) return new SpecResult(fileName, capped(parsed.diagnostics()), List.of());
            SpecResult validated = Validator.validate(parsed.intact());
            List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
            for (Diagnostic d : validated.diagnostics()) {
                // with syntax errors, "no network" only repeats them
                if (parsed.file() != null || !d.message().equals(Message.NO_NETWORK.text())) all.add(d);
            }
            all.sort(Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()));
            // Networks are only handed out from a file without syntax errors.
            return new SpecResult(fileName, capped(all), parsed.file() == null ? List.of() : validated.networks());
        } catch (StackOverflowError | RuntimeException e) {
            // A defect in castnet, not in the spec: still report it as a diagnostic rather than crash a build.
            return new SpecResult(fileName,
                    List.of(Diagnostic.error(new SourcePos(fileName, 1, 1), Message.INTERNAL_ERROR.format(e))),
                    List.of());
        }
    }

    /** The first {@link #MAX_DIAGNOSTICS} diagnostics, then one that counts the rest, at the first of them. */
    private static List<Diagnostic> capped(List<Diagnostic> all) {
        if (all.size() <= MAX_DIAGNOSTICS) return all;
        List<Diagnostic> rest = all.subList(MAX_DIAGNOSTICS, all.size());
        long errors = rest.stream().filter(Diagnostic::isError).count();
        long warnings = rest.size() - errors;
        String what = errors == 0 ? plural(warnings, "warning") : warnings == 0 ? plural(errors, "error")
                : plural(errors, "error") + " and " + warnings + " " + plural(warnings, "warning");
        List<Diagnostic> shown = new ArrayList<>(all.subList(0, MAX_DIAGNOSTICS));
        Diagnostic first = rest.get(0);
        shown.add(new Diagnostic(errors > 0 ? Diagnostic.Severity.ERROR : Diagnostic.Severity.WARNING, first.pos(),
                Message.MORE_DIAGNOSTICS.format(errors > 0 ? errors : warnings, what)));
        return shown;
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }

    /**
     * Reads the file as UTF-8 (malformed bytes become U+FFFD and are then reported as unexpected characters).
     * Diagnostics name the path as given, as compilers do.
     */
    public static SpecResult load(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return new SpecResult(name, List.of(Diagnostic.error(new SourcePos(name, 1, 1),
                    Message.CANNOT_READ.format(path, e.getMessage()))), List.of());
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8));
    }
}
