package dev.castnet.dsl.model;

/**
 * The {@code train { }} block with defaults filled in (epochs 10, batch 32, validation 0.1, seed 42,
 * shuffle true, preprocess none). {@code augment}, {@code earlyStop} and {@code prune} are null when absent.
 */
public record TrainConfig(int epochs, int batch, double validation, long seed, boolean shuffle, Preprocess preprocess,
        Augment augment, EarlyStop earlyStop, Prune prune, SourcePos pos) {

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

    /**
     * {@code prune S [from=E1] [to=E2] [scope=layer|global]}: magnitude pruning of every weight and recurrent weight
     * to sparsity S (SPEC §6). With a ramp ({@code from}/{@code to} given: {@link #ramped()}), sparsity rises from 0
     * once {@code from} epochs are done to S once {@code to} epochs are done, as S·(1 − (1 − p)³) (Zhu &amp; Gupta
     * 2017); without one, all at once after the last epoch. {@code from} and {@code to} are -1 when not ramped.
     */
    public record Prune(double sparsity, int from, int to, PruneScope scope, SourcePos pos) {
        public boolean ramped() {
            return from >= 0;
        }

        /** The statement with every option written out. */
        public String print() {
            return "prune " + Numbers.text(sparsity) + (ramped() ? " from=" + from + " to=" + to : "") + " scope="
                    + scope.word();
        }
    }
}
