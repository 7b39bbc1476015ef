package dev.castnet.runtime.train;

/**
 * Loss and accuracy of a network on a data set in inference mode (accuracy NaN where undefined).
 *
 * @param samples the samples evaluated
 * @param loss the mean loss
 * @param accuracy the accuracy, NaN where undefined
 */
public record Evaluation(int samples, double loss, double accuracy) {}
