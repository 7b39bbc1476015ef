package dev.castnet.dsl.validate;

import java.util.Locale;

/**
 * Every message the front end can give, in one place so they can be reviewed together and each one tested.
 * Texts are {@link String#format} patterns; a suggestion ("; did you mean 'dense'?") is passed in as the last
 * argument where a pattern ends in {@code %s} after a quoted word.
 */
public enum Message {
    // Reading the file (parser and loader).
    CANNOT_READ("cannot read %s: %s"),
    UNEXPECTED_CHARACTER("unexpected character %s"),
    SYNTAX_UNEXPECTED("unexpected %s%s"),
    UNTERMINATED_COMMENT("unterminated comment; close it with */"),
    TOO_DEEP("nesting deeper than %d levels"),
    TOO_LARGE("the spec is too large to be a network: more than %d tokens (words, numbers and symbols), while a "
            + "network expands to at most %d layers"),
    MORE_DIAGNOSTICS("%d more %s not shown; fix the ones above first"),
    INTERNAL_ERROR("internal error while reading the spec: %s"),

    // Validation.
    UNSUPPORTED_VERSION("unsupported language version %s; this castnet reads `castnet 1`"),
    JAVA_KEYWORD("'%s' is a Java keyword and cannot name a %s"),
    NO_NETWORK("the file declares no network; add one, e.g. `network Mlp { ... }`"),
    DUPLICATE_NETWORK("duplicate network '%s'; the first is at line %d"),
    RESERVED_PACKAGE("package %s belongs to %s and cannot hold generated classes; choose your own, e.g. "
            + "`package com.example.nets`"),
    NAME_TOO_LONG("%s '%s' is %d characters long; at most %d fit in a file name"),
    CLASS_CLASH("network %s generates class %s, which %s also generates; rename one of the networks"),
    CLASS_HIDES_JAVA_LANG("network %s generates class %s, which would hide java.lang.%s from the other classes "
            + "generated into its package; rename the network, or give it a file and package of its own"),
    CLASS_CASE_CLASH("network %s generates class %s, and %s generates %s: the names differ only in case, so their "
            + "files overwrite each other on case-insensitive file systems (macOS, Windows); rename one of the networks"),
    UNKNOWN_LAYER("unknown layer '%s'%s"),
    UNKNOWN_STATEMENT("unknown statement '%s'%s"),
    UNKNOWN_WORD("unknown %s '%s'%s"),
    UNKNOWN_OPTION("%s has no option '%s'%s"),
    DUPLICATE_OPTION("option '%s' is given twice"),
    DUPLICATE_STATEMENT("duplicate '%s'; the first is at line %d"),
    UNEXPECTED_BLOCK("'%s' takes no block { }"),
    UNEXPECTED_INDEX("'%s' takes no index [%d]; only dropout[i] does, inside search"),
    USAGE("%s expects %s, e.g. `%s`"),
    EXPECTED_NUMBER("%s must be a number, got '%s'%s"),
    EXPECTED_WHOLE("%s must be a whole number, got %s"),
    OUT_OF_RANGE("%s must be %s, got %s"),
    NUMBER_TOO_LARGE("number %s is too large for %s"),
    NOT_IN_BLOCK("'%s' cannot appear inside %s"),
    MISSING_INPUT("network %s has no input; add `input N` as its first layer"),
    INPUT_NOT_FIRST("the first layer must be `input`, got '%s'"),
    DUPLICATE_INPUT("a network has exactly one input; the first is at line %d"),
    NO_PARAMETERS("network %s has no layer with parameters to train; add one, e.g. `dense 10`"),
    MISSING_LOSS("network %s has no loss; add `loss cross_entropy` (after softmax), "
            + "`loss binary_cross_entropy` (after sigmoid) or `loss mse`"),
    MISSING_OPTIMIZER("network %s has no optimizer; add one, e.g. `optimizer adam lr=1e-3`"),
    SOFTMAX_NOT_LAST("softmax must be the last layer"),
    SOFTMAX_NEEDS_CROSS_ENTROPY("softmax as the last layer needs `loss cross_entropy`, got %s"),
    CROSS_ENTROPY_NEEDS_SOFTMAX("loss cross_entropy needs softmax as the last layer; add `softmax` at the end"),
    BCE_NEEDS_SIGMOID("loss binary_cross_entropy needs sigmoid as the last layer; add `sigmoid` at the end"),
    REPEAT_NEEDS_BLOCK("repeat needs a block of layers, e.g. `repeat 2 { dense 64; relu }`"),
    TOO_MANY_LAYERS("network %s expands to more than %d layers"),
    TOO_MANY_WEIGHTS("%s would hold %d weights; at most %d fit in one Java array"),
    AUGMENT_NEEDS_IMAGE("augment needs an image input, got input %s; declare the input as an image (`input HxWxC`, "
            + "e.g. `input 28x28x1` for Fashion-MNIST's 784 pixels)"),
    PARAM_FORM("write a param as `param NAME = VALUE`"),
    PARAM_CLASH("param '%s' has the name of a search hyperparameter; choose another name"),
    PARAM_UNUSED("param '%s' is never used"),
    SEARCH_UNKNOWN_NAME("cannot search '%s'%s"),
    SEARCH_NO_DROPOUT("cannot search dropout: the network has no dropout layer"),
    SEARCH_DROPOUT_INDEX("dropout[%d] does not exist; the network has %d dropout layer(s)"),
    SEARCH_NO_CLIP("cannot search clip without a clip statement; add one, e.g. `clip norm 5.0`"),
    SEARCH_NOT_OPTIMIZER_PARAM("optimizer %s has no hyperparameter '%s'; it has %s"),
    SEARCH_INDEX_ONLY_DROPOUT("only dropout takes an index, got %s[%d]"),
    GRID_NEEDS_DISCRETE("grid search needs choice(...) or range(...) for '%s'; %s draws only in random search"),
    RANGE_ONLY_GRID("range(...) enumerates values for a grid search; random search draws with choice, uniform "
            + "or loguniform"),
    RANDOM_NEEDS_TRIALS("random search needs trials=N, e.g. `search random trials=20 { ... }`"),
    GRID_IGNORES_TRIALS("grid search tries every combination; trials=%s is ignored"),
    STRUCTURAL_NEEDS_DISCRETE("param '%s' changes the generated code; search it with choice(...) or range(...)"),
    BOUNDS_ORDER("%s needs lo < hi, got %s and %s"),
    LOGUNIFORM_POSITIVE("loguniform needs 0 < lo, got %s"),
    RANGE_STEP("range(lo, hi, step) needs step > 0 and lo <= hi, got range(%s, %s, %s)"),
    RANGE_TOO_LONG("range(%s, %s, %s) has more than %d values"),
    TOO_MANY_VARIANTS("searching %s gives %d variants; at most %d classes are generated"),
    EMPTY_SEARCH("search has no names to search; add e.g. `lr loguniform(1e-4, 1e-1)` inside its block"),
    SEARCH_NEEDS_BLOCK("search needs a block, e.g. `search grid { lr choice(0.01, 0.1) }`"),
    TRAIN_NEEDS_BLOCK("train needs a block, e.g. `train { epochs 10 }`"),
    PRUNE_RAMP_ORDER("prune needs from < to, got from=%d to=%d"),
    PRUNE_PAST_LAST_EPOCH("prune to=%d is past the last epoch (epochs %d); end the ramp at or before it, e.g. "
            + "`prune %s from=%d to=%d`"),
    PRUNE_NEEDS_WEIGHTS("prune needs a layer with weights (dense, conv2d, rnn, lstm or gru); network %s has none"),
    ZOOM_FORM("zoom needs a range LO..HI with 0 < LO <= HI, got %s"),
    DIMS_FORM("an input is N, TxF or HxWxC, for example 784, 28x28 or 28x28x1, got %s"),
    NEEDS_IMAGE("%s needs an image (HxWxC) as input, got %s %s; declare an image input, e.g. `input 28x28x1`"),
    NEEDS_SEQUENCE("%s needs a sequence (TxF) as input, got %s %s; declare a sequence input, e.g. `input 28x28` "
            + "(28 steps of 28 features)"),
    SOFTMAX_NEEDS_VECTOR("softmax needs a vector as input, got %s %s; add `flatten` or a dense layer before it"),
    KERNEL_FORM("a kernel is K or KHxKW, for example 3 or 3x5, got %s"),
    KERNEL_TOO_LARGE("%s kernel %s does not fit its %dx%d input with padding %s; use a smaller kernel or more "
            + "padding"),
    WINDOW_TOO_LARGE("%s window %d does not fit its %dx%d input; use a window of at most %d"),
    SAME_NEEDS_ODD_KERNEL("padding=same needs an odd kernel, got %s; use an odd kernel or an explicit padding=P"),
    SAME_NEEDS_STRIDE_ONE("padding=same needs stride 1, got %d; give an explicit padding=P instead"),
    DIMS_SPACES("write an image shape without spaces: %s");

    private final String text;

    Message(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public String format(Object... args) {
        return String.format(Locale.ROOT, text, args);
    }
}
