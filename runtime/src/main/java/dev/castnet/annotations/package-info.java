/**
 * Annotations that declare a castnet network in Java (SPEC §3), read at build time by the castnet annotation
 * processor.
 *
 * <p>Either bring in a {@code .nn} file with {@link dev.castnet.annotations.NetworkSpec} on a type or a
 * {@code package-info.java}, or annotate an interface with {@link dev.castnet.annotations.Network} and each of
 * its methods with {@link dev.castnet.annotations.Dense} (optionally {@link dev.castnet.annotations.BatchNorm}
 * and {@link dev.castnet.annotations.Dropout}). Interface {@code Foo} is generated as {@code FooNet}.
 *
 * <p>Every annotation has {@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention: it is recorded in
 * the class file, so an incremental or IDE build that sees the annotated type only as a class file still finds
 * it, but it is not visible to reflection, because nothing reads it at run time (the generated class has every
 * value baked in).
 *
 * <p>Numeric attributes whose SPEC default depends on other choices (the optimizer's hyperparameters, the
 * activation's alpha) default to {@code Double.NaN}, which means "unset: use the SPEC default".
 */
package dev.castnet.annotations;
