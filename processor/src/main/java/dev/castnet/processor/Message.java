package dev.castnet.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor itself reports, in one place so each can be reviewed and tested. Errors the
 * .nn language reports (syntax, ranges, shapes) come from castnet-dsl with their own text.
 */
enum Message {
    SPEC_DIR_INVALID("-A%s=%s is not a valid folder: %s"),
    SPEC_NOT_FOUND("spec file '%s' not found; looked in %s"),
    SPEC_UNREADABLE("cannot read spec file '%s': %s"),
    SPEC_EMPTY_NAME("@NetworkSpec needs a file name such as \"mlp.nn\""),
    SPEC_NO_NETWORK("spec file '%s' declares no network"),
    DUPLICATE_CLASS("class %s is generated twice (from %s and %s); rename one network"),
    CLASS_CASE_CLASH("class %s (from %s) and class %s (from %s) differ only in case, so their files overwrite each "
            + "other on case-insensitive file systems (macOS, Windows); rename one network"),
    CLASS_EXISTS("class %s would be generated from %s, but package %s already has a type %s; rename the network "
            + "or the type"),
    CANNOT_WRITE("cannot write %s: %s"),
    NETWORK_NOT_INTERFACE("@Network must annotate an interface, not %s %s"),
    NETWORK_PRIVATE("@Network interface %s must not be private: the generated class implements it from its package"),
    NETWORK_GENERIC("@Network interface %s must not have type parameters"),
    NETWORK_INHERITS("@Network interface %s must not extend other interfaces with abstract methods (%s)"),
    NETWORK_NO_LAYERS("@Network interface %s declares no layers; annotate each layer method with @Dense, @Conv2d, "
            + "@Rnn, @Lstm or @Gru"),
    INPUT_MISSING("give the input size: input = N; steps = T and input = F for a sequence; or height, width and "
            + "channels for an image"),
    INPUT_BOTH("give one input form, not several: input = N; steps = T and input = F for a sequence; or height, "
            + "width and channels for an image"),
    INPUT_IMAGE_INCOMPLETE("an image input needs height, width and channels, each at least 1; got %dx%dx%d"),
    INPUT_SEQUENCE_INCOMPLETE("a sequence input needs steps and input (features per step), each at least 1; got "
            + "steps = %d, input = %d"),
    LAYER_WITHOUT_MAIN("@%s on %s() needs a layer annotation on the same method (@Dense, @Conv2d, @Rnn, @Lstm or "
            + "@Gru): each method is one layer block"),
    LAYER_TWICE("%s() has both @%s and @%s; a method is one layer block with one layer annotation: declare another "
            + "method for the second layer"),
    POOLING_WITHOUT_CONV("@%s on %s() needs @Conv2d on the same method: pooling ends a conv block"),
    POOLING_NOT_CONV("@%s on %s() needs @Conv2d on the same method, not @%s: pooling ends a conv block"),
    POOLING_TWICE("%s() has both @%s and @%s; a conv block pools at most once: move one to another @Conv2d method"),
    LAYER_NOT_IN_NETWORK("@%s on %s() is only meaningful in an interface annotated with @Network"),
    LAYER_METHOD_SHAPE("layer method %s must be abstract, take no parameters and return %s"),
    LAYER_RETURN_TYPE("@%s method %s() must return %s, the live view of its block, not %s"),
    METHOD_NOT_LAYER("method %s() of a @Network interface must be a layer annotated with @Dense, @Conv2d, @Rnn, "
            + "@Lstm or @Gru, or a default or static method"),
    LAYER_NAME_CLASH("layer method %s() clashes with TrainableNetwork.%s() of the generated class; rename it"),
    LAYER_NAME_GENERATED("layer method %s() clashes with a method the generated class declares or calls; rename it"),
    NOT_FINITE("%s must be a finite number, got %s"),
    ALPHA_UNUSED("alpha applies only to LEAKY_RELU and ELU, not %s"),
    KERNEL_MISSING("@Conv2d on %s() needs a kernel: kernel = K for K x K, or kernelHeight and kernelWidth"),
    KERNEL_BOTH("give @Conv2d kernel = K, or kernelHeight and kernelWidth, not both"),
    KERNEL_HALF("@Conv2d %s needs %s too, or kernel = K alone for a square kernel"),
    INIT_DEFAULT_ARGS("@Init(InitKind.DEFAULT) takes no args: the default initializer is chosen by the layer; name "
            + "an initializer to give it arguments, e.g. @Init(value = InitKind.XAVIER_UNIFORM, args = 2)"),
    CLIP_BOTH("give @Clip(norm = A) or @Clip(value = A), not both"),
    INTERNAL("castnet processor failed on %s: %s\n%s");

    private final String format;

    Message(String format) {
        this.format = format;
    }

    String format(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
