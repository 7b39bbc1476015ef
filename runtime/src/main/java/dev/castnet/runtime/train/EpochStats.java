package dev.castnet.runtime.train;

/**
 * One epoch's figures. {@code epoch} counts from 1. {@code trainLoss} is the mean of the epoch's
 * {@code trainStep} losses weighted by batch size (training mode: dropout on, batch statistics);
 * {@code trainAccuracy} comes from the training-mode outputs of each step, before its update, as Keras
 * reports it (NaN when disabled or not a classification); validation figures come from an inference-mode pass over
 * the validation split after the epoch (NaN without validation data). With real-valued targets the accuracies are
 * NaN and {@code trainMse}, {@code trainMae}, {@code trainR2} (from the same training-mode outputs) and
 * {@code valMse}, {@code valMae}, {@code valR2} are known instead.
 *
 * @param epoch the epoch, from 1
 * @param learningRate the epoch's learning rate
 * @param trainLoss the mean training loss
 * @param trainAccuracy the training accuracy
 * @param valLoss the validation loss
 * @param valAccuracy the validation accuracy
 * @param seconds the epoch's wall time, validation included
 * @param samplesPerSecond training samples per second of training steps
 * @param trainMse the training MSE, for real-valued targets
 * @param trainMae the training mean absolute error, for real-valued targets
 * @param trainR2 the training R², for real-valued targets
 * @param valMse the validation MSE, for real-valued targets
 * @param valMae the validation mean absolute error, for real-valued targets
 * @param valR2 the validation R², for real-valued targets
 */
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
        double valAccuracy, double seconds, double samplesPerSecond, double trainMse, double trainMae, double trainR2,
        double valMse, double valMae, double valR2) {

    static final String[] COLUMNS = {"epoch", "lr", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
        "seconds", "samples_per_second", "train_mse", "train_mae", "train_r2", "val_mse", "val_mae", "val_r2"};

    /** The columns of {@code history.csv} for class labels. */
    static final int[] CLASSIFICATION = {0, 1, 2, 3, 4, 5, 6, 7};

    /** The columns of {@code history.csv} for real-valued targets: MSE, MAE and R² instead of accuracy. */
    static final int[] REGRESSION = {0, 1, 2, 8, 9, 10, 4, 11, 12, 13, 6, 7};

    /**
     * A classification epoch (no regression metrics).
     *
     * @param epoch the epoch, from 1
     * @param learningRate the epoch's learning rate
     * @param trainLoss the mean training loss
     * @param trainAccuracy the training accuracy
     * @param valLoss the validation loss
     * @param valAccuracy the validation accuracy
     * @param seconds the epoch's wall time, validation included
     * @param samplesPerSecond training samples per second of training steps
     */
    public EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
            double valAccuracy, double seconds, double samplesPerSecond) {
        this(epoch, learningRate, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, samplesPerSecond,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** {@return whether the epoch has regression metrics} */
    public boolean regression() {
        return !Double.isNaN(trainMae) || !Double.isNaN(valMae);
    }

    double[] toArray() {
        return new double[] {epoch, learningRate, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds,
            samplesPerSecond, trainMse, trainMae, trainR2, valMse, valMae, valR2};
    }

    static EpochStats fromArray(double[] a) {
        return new EpochStats((int) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
                a[13]);
    }

    /** {@return the same figures without timing}, for comparing runs. */
    public EpochStats withoutTiming() {
        return new EpochStats(epoch, learningRate, trainLoss, trainAccuracy, valLoss, valAccuracy, 0, 0, trainMse,
                trainMae, trainR2, valMse, valMae, valR2);
    }
}
