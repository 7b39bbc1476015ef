package dev.castnet.dsl.model;

/**
 * The {@code train { }} block with defaults filled in (epochs 10, batch 32, validation 0.1, seed 42,
 * shuffle true, preprocess none). {@code augment} and {@code earlyStop} are null when absent.
 */
public record TrainConfig(int epochs, int batch, double validation, long seed, boolean shuffle, Preprocess preprocess,
        Augment augment, EarlyStop earlyStop, SourcePos pos) {

    /** minmax(lo, hi); pca_whiten components=K eps=E (components 0 means all). */
    public record Preprocess(PreprocessKind kind, double lo, double hi, int components, double eps) {
        public static Preprocess none() {
            return new Preprocess(PreprocessKind.NONE, 0, 0, 0, 0);
        }
    }

    /** Zero or NONE means "not used" for each part. */
    public record Augment(double rotateDegrees, FlipMode flip, double zoomLo, double zoomHi, int shiftPixels,
            double noiseStd, SourcePos pos) {}

    /** monitor is "val_loss" or "val_accuracy". */
    public record EarlyStop(String monitor, int patience, double minDelta, boolean restoreBest, SourcePos pos) {}
}
