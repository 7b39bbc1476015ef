package dev.castnet.dsl.validate;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.model.NetworkModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validation pass: AST → one {@link NetworkModel} per network block (its concrete variants) and every
 * diagnostic. Runs the same way on trees parsed from {@code .nn} text and on trees the annotation processor
 * builds from annotated interfaces. Only networks without errors are returned.
 */
public final class Validator {
    /** Above this many combinations of structural params the processor refuses to generate classes. */
    public static final int MAX_VARIANTS = 64;

    static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "_");

    private Validator() {}

    public static SpecResult validate(SpecFile file) {
        Diags d = new Diags();
        if (file.version() != null) {
            BigDecimal v = null;
            try {
                v = new BigDecimal(file.version().text());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (v == null || v.compareTo(BigDecimal.ONE) != 0) {
                d.error(file.version().pos(), Message.UNSUPPORTED_VERSION, file.version().text());
            }
        }
        if (!file.packageName().isEmpty()) {
            for (String segment : file.packageName().split("\\.")) {
                if (JAVA_KEYWORDS.contains(segment)) d.error(file.pos(), Message.JAVA_KEYWORD, segment, "package");
            }
        }
        boolean fileErrors = d.errors() > 0;
        if (file.networks().isEmpty()) d.warn(file.pos(), Message.NO_NETWORK);
        Map<String, NetworkDecl> seen = new HashMap<>();
        List<NetworkModel> models = new ArrayList<>();
        for (NetworkDecl n : file.networks()) {
            NetworkDecl first = seen.putIfAbsent(n.name(), n);
            if (first != null) {
                d.error(n.pos(), Message.DUPLICATE_NETWORK, n.name(), first.pos().line());
                continue;
            }
            if (JAVA_KEYWORDS.contains(n.name())) {
                d.error(n.pos(), Message.JAVA_KEYWORD, n.name(), "network");
                continue;
            }
            NetworkModel m = new NetworkValidator(file, n, d).run();
            if (m != null) models.add(m);
        }
        // A wrong header or package spoils every network of the file; their own errors are still reported.
        return new SpecResult(file.file(), d.list(), fileErrors ? List.of() : models);
    }
}
