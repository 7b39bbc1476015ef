package dev.castnet.dsl.validate;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics once each: variants of one network share statements, so they would repeat. */
final class Diags {
    private final Set<Diagnostic> all = new LinkedHashSet<>();
    private int errors;

    void error(SourcePos pos, Message m, Object... args) {
        if (all.add(Diagnostic.error(pos, m.format(args)))) errors++;
    }

    void warn(SourcePos pos, Message m, Object... args) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, pos, m.format(args)));
    }

    int errors() {
        return errors;
    }

    /** In source order. */
    List<Diagnostic> list() {
        List<Diagnostic> out = new ArrayList<>(all);
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()));
        return out;
    }
}
