package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Brings in one or more {@code .nn} spec files; the processor generates one class per {@code network} block.
 *
 * <p>A name is resolved relative to the annotated element's package, then to the root, in this order: the
 * source path (the file next to the sources), the class path (resources), and the folder named by the
 * processor option {@code -Acastnet.specdir=DIR}. A name starting with {@code /} is resolved from the root
 * only. Errors in a file are reported on this annotation as {@code FILE:LINE:COL: message}.
 *
 * <pre>{@code
 * @NetworkSpec("fashion.nn")
 * package dev.castnet.samples;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface NetworkSpec {
    /** {@return the spec file names}, e.g. {@code "fashion.nn"}. */
    String[] value();
}
