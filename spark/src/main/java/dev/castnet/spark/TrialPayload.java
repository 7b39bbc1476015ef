package dev.castnet.spark;

import dev.castnet.cli.SearchJob;
import java.io.Serializable;

/**
 * What every trial of one search shares, broadcast once: the trial function's description and the two splits.
 * {@code id} tells one search from the next in a JVM that runs several (local mode, tests).
 */
record TrialPayload(String id, SearchJob job, DataBlock train, DataBlock validation) implements Serializable {}
