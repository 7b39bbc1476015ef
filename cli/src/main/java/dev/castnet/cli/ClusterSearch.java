package dev.castnet.cli;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.search.TrialResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a search's trials on a cluster, for {@code castnet search --spark MASTER}. castnet-spark provides the
 * implementation, found with {@link java.util.ServiceLoader}, so the command line itself needs no Spark and
 * users who never search on a cluster never load it.
 */
public interface ClusterSearch {

    /**
     * Checks, before any work, that the search can run on {@code master}: a master URL this implementation
     * knows, a cluster that answers, the classes executors need.
     *
     * @throws Failure saying in one line what is wrong and what would be right
     */
    void check(String master);

    /**
     * Runs every trial of {@code trials} (trial {@code i + 1} is {@code trials.get(i)}) as {@code job}'s trial
     * function on {@code train} and {@code validation}, and returns one result per trial in any order. A trial
     * that fails for its own hyperparameters is a result with its error. {@code onTrialEnd} is called on this
     * side, once per trial as it finishes, never twice at once.
     *
     * @throws Failure when the cluster cannot be reached or the job fails (not a trial)
     */
    List<TrialResult> run(String master, SearchJob job, List<Map<String, Object>> trials, Dataset train,
            Dataset validation, Consumer<TrialResult> onTrialEnd);

    /** The cluster or the job failed: a bad master, an unreachable cluster, a task that failed every retry. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
