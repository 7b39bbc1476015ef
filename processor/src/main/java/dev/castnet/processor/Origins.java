package dev.castnet.processor;

import dev.castnet.dsl.model.SourcePos;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Synthetic source positions for a network built from annotations. Each attribute that becomes part of the
 * model gets its own line in a file named after the interface, and the line leads back to the element, the
 * annotation and the attribute value, so a validation error lands where the IDE can underline it.
 */
final class Origins {
    /** Where a model node came from; mirror and value may be null (the attribute was left at its default). */
    record Origin(Element element, AnnotationMirror mirror, AnnotationValue value) {}

    private final String file;
    private final Origin fallback;
    private final Map<Integer, Origin> byLine = new HashMap<>();
    private int nextLine = 1;

    Origins(String file, Element root) {
        this.file = file;
        this.fallback = new Origin(root, null, null);
    }

    String file() {
        return file;
    }

    /**
     * A fresh position for an attribute of the annotation {@code annotationName} on {@code element}; the path
     * descends into nested annotations ({@code "optimizer", "lr"}). Javac finds a nested value's tree from the
     * outer mirror, so the outer mirror is kept. The deepest value written in the source wins.
     */
    SourcePos at(Element element, String annotationName, String... path) {
        AnnotationMirror mirror = mirror(element, annotationName);
        AnnotationValue value = null;
        AnnotationMirror current = mirror;
        for (String attribute : path) {
            if (current == null) break;
            AnnotationValue v = explicitValue(current, attribute);
            if (v == null) break;
            value = v;
            current = v.getValue() instanceof AnnotationMirror nested ? nested : null;
        }
        int line = nextLine++;
        byLine.put(line, new Origin(element, mirror, value));
        return new SourcePos(file, line, 1);
    }

    /**
     * Whether the source writes the attribute at {@code path} (descending into nested annotations) of the
     * annotation {@code annotationName} on {@code element}, rather than leaving it at its default.
     */
    static boolean written(Element element, String annotationName, String... path) {
        AnnotationMirror current = mirror(element, annotationName);
        if (current == null) return false;
        for (String attribute : path) {
            if (current == null) return false;
            AnnotationValue v = explicitValue(current, attribute);
            if (v == null) return false;
            current = v.getValue() instanceof AnnotationMirror nested ? nested : null;
        }
        return true;
    }

    /** The origin of a position this object handed out; the root element for any other position. */
    Origin of(SourcePos pos) {
        if (pos == null || !file.equals(pos.file())) return fallback;
        return byLine.getOrDefault(pos.line(), fallback);
    }

    static AnnotationMirror mirror(Element element, String annotationName) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            if (m.getAnnotationType().asElement().toString().equals(annotationName)) return m;
        }
        return null;
    }

    /** The value written in the source for {@code attribute}, or null when it was left at its default. */
    static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) return e.getValue();
        }
        return null;
    }
}
