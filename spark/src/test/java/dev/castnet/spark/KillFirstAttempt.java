package dev.castnet.spark;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * A fault for the tests (spark.plugins): the executor that starts the first attempt of trial 1's task dies on
 * the spot, as an executor does when its machine fails, taking the other tasks it runs with it.
 */
public class KillFirstAttempt implements SparkPlugin {
    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(org.apache.spark.api.plugin.PluginContext ctx, Map<String, String> extraConf) {}

            @Override
            public void onTaskStart() {
                TaskContext task = TaskContext.get();
                if (task.partitionId() == 0 && task.attemptNumber() == 0) Runtime.getRuntime().halt(137);
            }
        };
    }
}
