package dev.castnet.experiments;

import java.io.IOException;

/**
 * One claim of the chapter, tested on castnet's own generated networks: {@link #run} trains and measures, writes
 * its figures and the data behind them through the {@link Lab}, and says from the measurements whether the
 * claim held.
 */
public interface Experiment {
    /** The id used by {@code --only} and in {@code results.json}, e.g. {@code batchnorm}. */
    String id();

    /** Where the chapter makes the claim, e.g. {@code fig 7.1} or {@code batch normalization}. */
    String section();

    /** A short title for the report. */
    String title();

    /** The claim in one sentence, phrased so that a measurement can contradict it. */
    String claim();

    Outcome run(Lab lab) throws IOException, InterruptedException;
}
