package dev.castnet.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** A Spark listener (spark.extraListeners) that records every task attempt of the driver's jobs. */
public class TaskAttempts extends SparkListener {
    /** One task attempt: its trial's partition, attempt number, executor and end ("Success" or the failure). */
    record Attempt(int partition, int attempt, String executor, String end) {}

    private static final List<Attempt> ATTEMPTS = new ArrayList<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        synchronized (ATTEMPTS) {
            ATTEMPTS.add(new Attempt(e.taskInfo().index(), e.taskInfo().attemptNumber(), e.taskInfo().executorId(),
                    e.reason().toString()));
        }
    }

    static List<Attempt> take() {
        synchronized (ATTEMPTS) {
            List<Attempt> out = new ArrayList<>(ATTEMPTS);
            ATTEMPTS.clear();
            return out;
        }
    }
}
