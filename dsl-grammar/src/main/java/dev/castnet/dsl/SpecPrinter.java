package dev.castnet.dsl;

import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import java.util.List;

/**
 * Prints a tree back as canonical {@code .nn} text: one statement a line, four-space indentation, positional
 * arguments before {@code key=value} options. Parsing the output gives the same tree up to positions, which
 * is also what the fingerprint of a network is computed over.
 */
public final class SpecPrinter {
    private SpecPrinter() {}

    public static String print(SpecFile file) {
        StringBuilder b = new StringBuilder();
        if (file.version() != null) b.append("castnet ").append(file.version().text()).append('\n');
        if (!file.packageName().isEmpty()) b.append("package ").append(file.packageName()).append(";\n");
        for (NetworkDecl n : file.networks()) {
            if (b.length() > 0) b.append('\n');
            b.append(print(n));
        }
        return b.toString();
    }

    public static String print(NetworkDecl network) {
        StringBuilder b = new StringBuilder();
        b.append("network ").append(network.name()).append(" {\n");
        statements(b, network.body(), 1);
        b.append("}\n");
        return b.toString();
    }

    public static String print(Statement s) {
        StringBuilder b = new StringBuilder();
        statement(b, s, 0);
        return b.toString();
    }

    private static void statements(StringBuilder b, List<Statement> body, int depth) {
        for (Statement s : body) statement(b, s, depth);
    }

    private static void statement(StringBuilder b, Statement s, int depth) {
        b.append("    ".repeat(depth)).append(s.keyword());
        if (s.index() >= 0) b.append('[').append(s.index()).append(']');
        for (Value v : s.args()) b.append(' ').append(print(v));
        boolean param = s.keyword().equals("param");
        for (Option o : s.options()) {
            b.append(' ').append(o.key()).append(param ? " = " : "=").append(print(o.value()));
        }
        if (s.block() != null) {
            b.append(" {\n");
            statements(b, s.block(), depth + 1);
            b.append("    ".repeat(depth)).append('}');
        }
        b.append('\n');
    }

    public static String print(Value v) {
        if (v instanceof Value.Num n) return n.text();
        if (v instanceof Value.Word w) return w.name();
        if (v instanceof Value.Dims d) return d.text();
        if (v instanceof Value.Range r) return r.lo().text() + ".." + r.hi().text();
        Value.Call c = (Value.Call) v;
        StringBuilder b = new StringBuilder(c.name()).append('(');
        String sep = "";
        for (Value a : c.args()) {
            b.append(sep).append(print(a));
            sep = ", ";
        }
        for (Option o : c.options()) {
            b.append(sep).append(o.key()).append('=').append(print(o.value()));
            sep = ", ";
        }
        return b.append(')').toString();
    }
}
