package dev.castnet.dsl.validate;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.Text;
import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    /** The most layers a network may expand to. */
    public static final int MAX_LAYERS = NetworkValidator.MAX_LAYERS;

    /**
     * The longest class name or package segment accepted: file names hold at most 255 bytes on common file
     * systems, and a class also needs room for {@code .class} and its nested classes' {@code $Name}.
     */
    static final int MAX_NAME = 200;

    /** Packages generated classes cannot join, with their owner: javac or the class loader refuse them. */
    private static final Map<String, String> RESERVED_PACKAGES = new LinkedHashMap<>();

    static {
        for (String p : List.of("java", "javax", "jdk", "sun", "com.sun")) RESERVED_PACKAGES.put(p, "the Java platform");
        for (String p : List.of("runtime", "annotations", "dsl", "processor", "cli")) {
            RESERVED_PACKAGES.put("dev.castnet." + p, "castnet itself");
        }
    }

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
                if (segment.length() > MAX_NAME) {
                    d.error(file.pos(), Message.NAME_TOO_LONG, "package name part", Text.abbreviate(segment, 40),
                            segment.length(), MAX_NAME);
                }
            }
            for (Map.Entry<String, String> r : RESERVED_PACKAGES.entrySet()) {
                if (file.packageName().equals(r.getKey()) || file.packageName().startsWith(r.getKey() + ".")) {
                    d.error(file.pos(), Message.RESERVED_PACKAGE, file.packageName(), r.getValue());
                    break;
                }
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
            if (n.name().length() > MAX_NAME) {
                d.error(n.pos(), Message.NAME_TOO_LONG, "network name", Text.abbreviate(n.name(), 40),
                        n.name().length(), MAX_NAME);
                continue;
            }
            NetworkModel m = new NetworkValidator(file, n, d).run();
            if (m != null) models.add(m);
        }
        models = withoutClashes(models, d);
        // A wrong header or package spoils every network of the file; their own errors are still reported.
        return new SpecResult(file.file(), d.list(), fileErrors ? List.of() : models);
    }

    /** A generated class and what generates it. */
    private record Generated(String className, NetworkModel model, Network variant) {
        String origin() {
            String what = "network " + model.name() + " (line " + model.pos().line() + ")";
            if (variant == null) return what + " as the factory of its variants";
            if (!model.hasVariants()) return what;
            StringBuilder b = new StringBuilder(what).append(" for its variant");
            String sep = " ";
            for (Map.Entry<String, String> e : new TreeMap<>(variant.bindings()).entrySet()) {
                b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            return b.toString();
        }
    }

    /**
     * The models whose generated classes all have names of their own: two classes of one name overwrite each
     * other's file (and the factory of one network would construct another's class), and names that differ only
     * in case do so on case-insensitive file systems. Each clash is reported on the later network.
     */
    private static List<NetworkModel> withoutClashes(List<NetworkModel> models, Diags d) {
        Map<String, Generated> exact = new HashMap<>();
        Map<String, Generated> folded = new HashMap<>();
        List<NetworkModel> kept = new ArrayList<>();
        for (NetworkModel m : models) {
            boolean ok = true;
            List<Generated> classes = new ArrayList<>();
            for (Network v : m.variants()) {
                classes.add(new Generated(v.className(), m, v));
                classes.add(new Generated(v.int8ClassName(), m, v));
            }
            if (m.hasVariants()) classes.add(new Generated(m.factoryClassName(), m, null));
            Set<Network> refused = new HashSet<>();
            for (Generated g : classes) {
                // a variant's int8 class shares its name's problems: reported once, for the variant's class
                if (g.variant() != null && refused.contains(g.variant())) continue;
                if (!fits(g, m, exact, folded, d)) {
                    ok = false;
                    if (g.variant() != null) refused.add(g.variant());
                }
            }
            if (ok) kept.add(m);
        }
        return withoutHiddenJavaLang(kept, d);
    }

    /** False (after reporting) when a generated class's name is too long or taken, exactly or but for case. */
    private static boolean fits(Generated g, NetworkModel m, Map<String, Generated> exact,
            Map<String, Generated> folded, Diags d) {
        if (g.className().length() > MAX_NAME) {
            d.error(m.pos(), Message.NAME_TOO_LONG, "generated class name", Text.abbreviate(g.className(), 40),
                    g.className().length(), MAX_NAME);
            return false;
        }
        Generated same = exact.putIfAbsent(g.className(), g);
        if (same != null) {
            d.error(m.pos(), Message.CLASS_CLASH, m.name(), g.className(), same.origin());
            return false;
        }
        Generated similar = folded.putIfAbsent(g.className().toLowerCase(Locale.ROOT), g);
        if (similar != null) {
            d.error(m.pos(), Message.CLASS_CASE_CLASH, m.name(), g.className(), similar.origin(), similar.className());
            return false;
        }
        return true;
    }

    /** The models whose classes hide no java.lang type from the package's other generated classes. */
    private static List<NetworkModel> withoutHiddenJavaLang(List<NetworkModel> kept, Diags d) {
        // A class of the package hides the java.lang type of its name from the package's other classes, whose
        // generated code names String, Override, Math... by their simple names. (A network's own int8 class names
        // those java.lang types in full where its sibling's name hides them, so it does not count here.)
        long classes = kept.stream().mapToLong(m -> m.variants().size() + (m.hasVariants() ? 1 : 0)).sum();
        if (classes > 1) {
            List<NetworkModel> unshadowed = new ArrayList<>();
            for (NetworkModel m : kept) {
                String hiding = m.generatedClassNames().stream().filter(Validator::isJavaLangType).findFirst().orElse(null);
                if (hiding == null) {
                    unshadowed.add(m);
                } else {
                    d.error(m.pos(), Message.CLASS_HIDES_JAVA_LANG, m.name(), hiding, hiding);
                }
            }
            kept = unshadowed;
        }
        return kept;
    }

    private static boolean isJavaLangType(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
