package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Dropout after the method's activation. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Dropout {
    /** The probability of dropping a unit, in [0, 1). */
    double value();

    /** Where the scaling is applied. */
    DropoutMode mode() default DropoutMode.INVERTED;
}
