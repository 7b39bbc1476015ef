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
    NETWORK_NO_LAYERS("@Network interface %s declares no layers; annotate each layer method with @Dense"),
    INPUT_MISSING("give the input size: input = N, or height, width and channels for an image"),
    INPUT_BOTH("give either input = N or height/width/channels, not both"),
    INPUT_IMAGE_INCOMPLETE("an image input needs height, width and channels, each at least 1; got %dx%dx%d"),
    LAYER_WITHOUT_DENSE("@%s on %s() needs @Dense on the same method: each method is one dense layer block"),
    LAYER_NOT_IN_NETWORK("@%s on %s() is only meaningful in an interface annotated with @Network"),
    LAYER_METHOD_SHAPE("layer method %s must be abstract, take no parameters and return %s"),
    METHOD_NOT_LAYER("method %s() of a @Network interface must be a layer annotated with @Dense, or a default or "
            + "static method"),
    LAYER_NAME_CLASH("layer method %s() clashes with TrainableNetwork.%s() of the generated class; rename it"),
    NOT_FINITE("%s must be a finite number, got %s"),
    ALPHA_UNUSED("alpha applies only to LEAKY_RELU and ELU, not %s"),
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
