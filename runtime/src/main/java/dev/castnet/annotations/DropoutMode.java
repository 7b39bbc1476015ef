package dev.castnet.annotations;

/** Where dropout's scaling is applied. */
public enum DropoutMode {
    /** Kept units scaled by 1/(1 − p) in training; identity at inference. */
    INVERTED,

    /** No scaling in training; outputs multiplied by (1 − p) at inference. */
    SCALE_AT_TEST
}
