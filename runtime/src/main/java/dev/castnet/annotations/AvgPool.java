package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Average pooling at the end of a {@link Conv2d} method's block ({@code avgpool K [stride=S]}), after its
 * activation and before its {@link Dropout}: the mean of each K x K window, no padding, as PyTorch's
 * {@code AvgPool2d}. At most one pooling annotation per method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AvgPool {
    /** {@return the window size K (K x K windows)}, at least 1 and at most the image's height and width. */
    int value();

    /**
     * {@return the step between windows}, at least 1; 0 (the default) means left out: the window size, so windows do
     * not overlap.
     */
    int stride() default 0;
}
