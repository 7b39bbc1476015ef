package dev.castnet.processor;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNormStats;
import dev.castnet.annotations.DropoutMode;
import dev.castnet.annotations.InitKind;
import dev.castnet.annotations.Loss;
import dev.castnet.annotations.OptimizerKind;
import dev.castnet.annotations.Precision;
import dev.castnet.dsl.model.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * What a {@code @Network} interface says, read from its annotations and checked only for what the annotations
 * themselves can get wrong; every position leads back to an annotation attribute through {@link Origins}.
 * Language rules (ranges, shapes, softmax last) and defaults are left to castnet-dsl's validation, the same as for
 * .nn text: an attribute the source leaves out is null here and is not written into the tree.
 */
record InterfaceDecl(
        String name, String packageName, int[] input, SourcePos inputPos,
        Loss loss, SourcePos lossPos,
        OptimizerKind optimizer, Map<String, Double> optimizerArgs, Map<String, SourcePos> optimizerArgPos,
        SourcePos optimizerPos,
        String clipKind, double clip, SourcePos clipPos,
        double l1, SourcePos l1Pos, double l2, SourcePos l2Pos,
        Precision precision, SourcePos precisionPos,
        Train train, List<Block> blocks, SourcePos pos) {

    /** An attribute written in the source, and where; an attribute left out is a null {@code Given}. */
    record Given<T>(T value, SourcePos pos) {}

    /**
     * One method: its layer and what its kind allows after it, each null when absent. {@code layerName} is the
     * layer's name in the model ({@code dense0}, {@code conv2d1}, {@code lstm0}).
     */
    record Block(String method, String layerName, Layer layer, BatchNorm batchNorm, Pool pool, Dropout dropout) {}

    /** The method's one layer annotation. */
    sealed interface Layer permits Dense, Conv2d, Recurrent {}

    /** The element-wise activation of a dense or conv block; null for {@link Activation#IDENTITY}. */
    record Nonlinearity(Activation kind, SourcePos pos, Given<Double> alpha) {}

    /** An initializer other than {@link InitKind#DEFAULT}; {@code args} empty when none were given. */
    record Initializer(InitKind kind, double[] args, SourcePos pos) {}

    record Dense(int units, SourcePos unitsPos, Nonlinearity activation, Initializer init, Given<Boolean> bias)
            implements Layer {}

    /** {@code kernel} holds K (a square kernel) or KH and KW. */
    record Conv2d(SourcePos pos, int filters, SourcePos filtersPos, Given<int[]> kernel, Given<Integer> stride,
            Given<Integer> padding, Initializer init, Given<Boolean> bias, Nonlinearity activation) implements Layer {}

    /** {@code keyword} is rnn, lstm or gru; {@code activation} and {@code h0} only for rnn, {@code forgetBias} lstm. */
    record Recurrent(String keyword, SourcePos pos, int units, SourcePos unitsPos, Given<Activation> activation,
            Given<Boolean> returnSequence, Given<Double> h0, Given<Double> forgetBias, Initializer init,
            Initializer recurrentInit) implements Layer {}

    record BatchNorm(SourcePos pos, Given<Double> momentum, Given<Double> eps, Given<BatchNormStats> stats) {}

    /** {@code keyword} is maxpool, avgpool (with a window) or globalavgpool (without). */
    record Pool(String keyword, SourcePos pos, Given<Integer> window, Given<Integer> stride) {}

    record Dropout(double p, SourcePos pPos, Given<DropoutMode> mode) {}

    record Train(Given<Integer> epochs, Given<Integer> batch, Given<Double> validation, Given<Long> seed,
            Given<Boolean> shuffle, SourcePos pos) {}
}
