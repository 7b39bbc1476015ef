package dev.castnet.spark;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.search.SearchRunner;
import dev.castnet.runtime.search.TrialResult;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The executor's side: a task's function runs the one trial of its partition. The trial function and the data
 * are made once per executor JVM and search (the classes defined from the broadcast bytes, the splits rebuilt
 * around the broadcast arrays), then shared by every task that JVM runs, as the threads of a local search share them.
 */
final class ExecutorTrials {
    private static Prepared current;

    private ExecutorTrials() {}

    private record Prepared(String id, SearchRunner runner, Dataset train, Dataset validation) {}

    private static synchronized Prepared prepared(TrialPayload p) {
        if (current == null || !current.id().equals(p.id())) {
            current = new Prepared(p.id(), p.job().runner(), p.train().toDataset(), p.validation().toDataset());
        }
        return current;
    }

    /** Drops what the last search prepared (local mode runs the executor in the driver's JVM). */
    static synchronized void forget(String id) {
        if (current != null && current.id().equals(id)) current = null;
    }

    /**
     * A task: runs the trial of its partition. A trial that fails for its own hyperparameters returns a result
     * with the error (so Spark does not retry it); anything else that goes wrong fails the task, and Spark
     * retries it.
     */
    static final class RunTrial extends AbstractFunction1<Iterator<TrialTask>, TrialResult> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<TrialPayload> payload;

        RunTrial(Broadcast<TrialPayload> payload) {
            this.payload = payload;
        }

        @Override
        public TrialResult apply(Iterator<TrialTask> tasks) {
            TrialTask task = tasks.next(); // one trial per partition
            if (tasks.hasNext()) throw new IllegalStateException("a partition holds more than one trial");
            Prepared p = prepared(payload.value());
            return p.runner().runTrial(task.trial(), task.parameters(), p.train(), p.validation());
        }
    }
}
