package dev.castnet.runtime.train;

/**
 * One epoch's figures. {@code epoch} counts from 1. {@code trainLoss} is the mean of the epoch's
 * {@code trainStep} losses weighted by batch size (training mode: dropout on, batch statistics);
 * {@code trainAccuracy} comes from the training-mode outputs of each step, before its update, as Keras
 * reports it (NaN when disabled or not a classification); validation figures come from an inference-mode pass over
 * the validation split after the epoch (NaN without validation data).
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
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
        double valAccuracy, double seconds, double samplesPerSecond) {

    static final String[] COLUMNS = {"epoch", "lr", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
        "seconds", "samples_per_second"};

    double[] toArray() {
        return new double[] {epoch, learningRate, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds,
            samplesPerSecond};
    }

    static EpochStats fromArray(double[] a) {
        return new EpochStats((int) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }

    /** {@return the same figures without timing}, for comparing runs. */
    public EpochStats withoutTiming() {
        return new EpochStats(epoch, learningRate, trainLoss, trainAccuracy, valLoss, valAccuracy, 0, 0);
    }
}
