package dev.castnet.dsl.validate;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics once each: variants of one network share statements, so they would repeat. */
final class Diags {
    private final Set<Diagnostic> all = new LinkedHashSet<>();
    /** Position and text without context, to report a problem once however many variants share it. */
    private final Set<String> keys = new HashSet<>();
    private String context = "";
    private int errors;

    /** Appended to new messages, e.g. " (with hidden=0)" while a non-default variant is validated. */
    void context(String context) {
        this.context = context;
    }

    void error(SourcePos pos, Message m, Object... args) {
        String text = m.format(args);
        if (keys.add(pos + ": " + text)) {
            all.add(Diagnostic.error(pos, text + context));
            errors++;
        }
    }

    void warn(SourcePos pos, Message m, Object... args) {
        String text = m.format(args);
        if (keys.add(pos + ": warning: " + text)) {
            all.add(new Diagnostic(Diagnostic.Severity.WARNING, pos, text));
        }
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
