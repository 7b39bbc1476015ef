/**
 * Annotations that declare a castnet network in Java, read at build time by the castnet annotation
 * processor.
 *
 * <p>Either bring in a {@code .nn} file with {@link dev.castnet.annotations.NetworkSpec} on a type or a
 * {@code package-info.java}, or annotate an interface with {@link dev.castnet.annotations.Network} and each of
 * its methods with one layer annotation ({@link dev.castnet.annotations.Dense},
 * {@link dev.castnet.annotations.Conv2d}, {@link dev.castnet.annotations.Rnn}, {@link dev.castnet.annotations.Lstm}
 * or {@link dev.castnet.annotations.Gru}) and what its block allows ({@link dev.castnet.annotations.BatchNorm},
 * pooling, {@link dev.castnet.annotations.Dropout}; see {@link dev.castnet.annotations.Network}). Interface
 * {@code Foo} is generated as {@code FooNet}.
 *
 * <p>Every annotation has {@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention: it is recorded in
 * the class file, so an incremental or IDE build that sees the annotated type only as a class file still finds
 * it, but it is not visible to reflection, because nothing reads it at run time (the generated class has every
 * value baked in).
 *
 * <p>The language owns the defaults: numeric layer attributes whose default the language decides (a stride, a
 * pooling stride, an alpha, h0, an optimizer's hyperparameters) default to {@code 0} or {@code Double.NaN} in the
 * annotation, which means "left out: use the language's default", and the javadoc of each says what that is. An
 * attribute written out is passed on as written, so {@code stride = 0} is reported as out of range rather than
 * taken for "left out", and an interface and a {@code .nn} file saying the same have the same fingerprint.
 */
package dev.castnet.annotations;
