package dev.castnet.dsl.validate;

/** The allowed ranges of numbers, with the text a message shows. */
enum Bound {
    POSITIVE("> 0"),
    NON_NEGATIVE(">= 0"),
    AT_LEAST_ONE(">= 1"),
    UNIT_OPEN("in [0, 1)"),
    UNIT_LEFT_OPEN("in (0, 1]"),
    DEGREES("in [0, 180]"),
    ANY("a number");

    final String text;

    Bound(String text) {
        this.text = text;
    }

    boolean test(double v) {
        return switch (this) {
            case POSITIVE -> v > 0;
            case NON_NEGATIVE -> v >= 0;
            case AT_LEAST_ONE -> v >= 1;
            case UNIT_OPEN -> v >= 0 && v < 1;
            case UNIT_LEFT_OPEN -> v > 0 && v <= 1;
            case DEGREES -> v >= 0 && v <= 180;
            case ANY -> !Double.isNaN(v);
        };
    }
}
