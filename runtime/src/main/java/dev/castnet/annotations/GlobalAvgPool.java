package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Global average pooling at the end of a {@link Conv2d} method's block ({@code globalavgpool}): H x W x C becomes
 * C, the mean of each channel (PyTorch's {@code AdaptiveAvgPool2d(1)} then {@code flatten}, Keras's
 * {@code GlobalAveragePooling2D}). At most one pooling annotation per method; what follows sees a vector.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GlobalAvgPool {}
