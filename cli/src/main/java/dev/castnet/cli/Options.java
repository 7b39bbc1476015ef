package dev.castnet.cli;

import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Schedule;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.TrainConfig;
import dev.castnet.runtime.augment.AugmentOptions;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.ImageShape;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.prune.MagnitudePruning;
import dev.castnet.runtime.prune.PruneSchedule;
import dev.castnet.runtime.train.EarlyStopping;
import dev.castnet.runtime.train.LrSchedule;
import dev.castnet.runtime.train.TrainOptions;

/** Maps the spec's {@code train { }} block (the model) onto the runtime's options. */
final class Options {
    private Options() {}

    static TrainOptions from(Network n) {
        TrainConfig cfg = n.train();
        TrainOptions o = new TrainOptions()
                .epochs(cfg.epochs())
                .batch(cfg.batch())
                .validation(cfg.validation())
                .seed(cfg.seed())
                .shuffle(cfg.shuffle())
                .preprocess(preprocess(cfg.preprocess()));
        if (cfg.augment() != null) o.augment(augment(cfg.augment()));
        if (cfg.earlyStop() != null) {
            TrainConfig.EarlyStop e = cfg.earlyStop();
            o.earlyStop(new EarlyStopping.Config(e.monitor(), e.patience(), e.minDelta(), e.restoreBest()));
        }
        if (cfg.prune() != null) o.prune(prune(cfg.prune()));
        return schedule(o, n.schedule());
    }

    static PruneSchedule prune(TrainConfig.Prune p) {
        MagnitudePruning.Scope scope = MagnitudePruning.Scope.valueOf(p.scope().name());
        return p.ramped() ? PruneSchedule.ramp(p.sparsity(), p.from(), p.to(), scope)
                : PruneSchedule.atEnd(p.sparsity(), scope);
    }

    private static TrainOptions schedule(TrainOptions o, Schedule s) {
        return switch (s.kind()) {
            case NONE -> o.schedule(LrSchedule.none());
            case STEP -> o.schedule(LrSchedule.step(s.every(), s.gamma()));
            case COSINE -> o.schedule(LrSchedule.cosine());
            case EXPONENTIAL -> o.schedule(LrSchedule.exponential(s.gamma()));
        };
    }

    private static PreprocessSpec preprocess(TrainConfig.Preprocess p) {
        return switch (p.kind()) {
            case NONE -> PreprocessSpec.none();
            case ZSCORE -> PreprocessSpec.zscore();
            case MINMAX -> PreprocessSpec.minmax(p.lo(), p.hi());
            case PCA_WHITEN -> PreprocessSpec.pcaWhiten(p.components(), p.eps());
        };
    }

    private static AugmentOptions augment(TrainConfig.Augment a) {
        AugmentOptions.Flip flip = AugmentOptions.Flip.valueOf(a.flip().name());
        return new AugmentOptions(a.rotateDegrees(), flip, a.zoomLo(), a.zoomHi(), a.shiftPixels(), a.noiseStd());
    }

    /** Gives the data the network's image shape when it has none of its own and the sizes agree. */
    static Dataset withInputShape(Dataset data, Shape input) {
        if (input.isImage() && data.image() == null && data.features() == input.size()) {
            return data.withImage(new ImageShape(input.dim(0), input.dim(1), input.dim(2)));
        }
        return data;
    }
}
