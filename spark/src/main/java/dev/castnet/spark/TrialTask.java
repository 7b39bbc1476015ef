package dev.castnet.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** One trial as a Spark task's input: its number (1-based, as in the table) and its hyperparameters. */
record TrialTask(int trial, Map<String, Object> parameters) implements Serializable {
    TrialTask {
        parameters = new LinkedHashMap<>(parameters);
    }
}
