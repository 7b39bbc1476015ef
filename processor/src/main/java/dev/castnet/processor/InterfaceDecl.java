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
 * Language rules (ranges, shapes, softmax last) are left to castnet-dsl's validation, the same as for .nn text.
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

    /** One method: dense → batchnorm → activation → dropout. {@code batchNorm} and {@code dropout} may be null. */
    record Block(String method, Dense dense, BatchNorm batchNorm, Dropout dropout) {}

    /** {@code alpha} is NaN when unset; {@code initArgs} empty when none were given. */
    record Dense(int units, SourcePos unitsPos, Activation activation, SourcePos activationPos, double alpha,
            SourcePos alphaPos, InitKind init, double[] initArgs, SourcePos initPos, boolean bias, SourcePos biasPos) {}

    record BatchNorm(double momentum, SourcePos momentumPos, double eps, SourcePos epsPos, BatchNormStats stats,
            SourcePos statsPos, SourcePos pos) {}

    record Dropout(double p, SourcePos pPos, DropoutMode mode, SourcePos modePos) {}

    record Train(int epochs, SourcePos epochsPos, int batch, SourcePos batchPos, double validation,
            SourcePos validationPos, long seed, SourcePos seedPos, boolean shuffle, SourcePos shufflePos,
            SourcePos pos) {}
}
