package dev.castnet.spark;

import dev.castnet.cli.ClusterSearch;
import dev.castnet.cli.SearchJob;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.search.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * {@code castnet search --spark MASTER}: the search's trials as the tasks of one Spark job, one trial per
 * partition. The driver (this JVM) has drawn the trials, split the data and compiled the network; it broadcasts
 * the {@link SearchJob} and the splits once, and each task runs {@link SearchJob#runner()}'s trial function on
 * its executor, so the table equals the local search's. Results come back through the job's result handler, one
 * progress line per finished trial.
 *
 * <p>Spark retries a task whose executor died (up to {@code spark.task.maxFailures}, 4 on a cluster); a trial
 * that fails for its own hyperparameters returns its error as a result and is not retried. Spark settings come
 * from {@code spark.*} system properties (or spark-submit's {@code --conf}) as usual.
 */
public final class SparkSearch implements ClusterSearch {

    @Override
    public void check(String master) {
        MasterUrl.check(master);
        String submittedMaster = System.getProperty("spark.master");
        if (submitted() && submittedMaster != null && !submittedMaster.equals(master)) {
            throw new Failure("--spark " + master + ", but spark-submit was given --master " + submittedMaster
                    + "; give both the same master");
        }
        if ((master.equals("yarn") || master.startsWith("k8s://")) && !submitted()) {
            throw new Failure("--spark " + master + ": YARN and Kubernetes masters are reached through spark-submit"
                    + " of castnet-spark's -all.jar from a Spark distribution (docs/search-on-spark.md)");
        }
        MasterUrl.reachable(master);
        if (!master.startsWith("local") && !submitted() && System.getProperty(CastnetJars.PROPERTY) == null) {
            throw new Failure("--spark " + master + ": the executors need castnet's classes; search through"
                    + " ./castnet, spark-submit castnet-spark's -all.jar, or name the jars with -D"
                    + CastnetJars.PROPERTY + "=JAR:JAR (docs/search-on-spark.md)");
        }
    }

    @Override
    public List<TrialResult> run(String master, SearchJob job, List<Map<String, Object>> trials, Dataset train,
            Dataset validation, Consumer<TrialResult> onTrialEnd) {
        check(master);
        JavaSparkContext sc = start(configure(master, job), master);
        String id = UUID.randomUUID().toString();
        try {
            Broadcast<TrialPayload> payload = sc.broadcast(
                    new TrialPayload(id, job, DataBlock.of(train), DataBlock.of(validation)));
            List<TrialTask> tasks = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) tasks.add(new TrialTask(i + 1, trials.get(i)));
            JavaRDD<TrialTask> rdd = sc.parallelize(tasks, tasks.size());
            TrialResult[] results = new TrialResult[tasks.size()];
            // called on the driver, one finished task at a time, in the order they finish
            AbstractFunction2<Object, TrialResult, BoxedUnit> collect = new AbstractFunction2<>() {
                @Override
                public BoxedUnit apply(Object partition, TrialResult r) {
                    results[(Integer) partition] = r;
                    onTrialEnd.accept(r);
                    return BoxedUnit.UNIT;
                }
            };
            sc.sc().runJob(rdd.rdd(), new ExecutorTrials.RunTrial(payload), collect,
                    ClassTag$.MODULE$.apply(TrialResult.class));
            return Arrays.asList(results);
        } catch (RuntimeException e) {
            if (e instanceof Failure) throw e;
            throw new Failure("the search failed on Spark (" + master + "): " + firstLine(e), e);
        } catch (Exception e) { // SparkException: Scala does not declare it
            throw new Failure("the search failed on Spark (" + master + "): " + firstLine(e), e);
        } finally {
            ExecutorTrials.forget(id);
            sc.stop();
        }
    }

    /** Whether spark-submit started this JVM (it passes its settings as system properties). */
    static boolean submitted() {
        return System.getProperty("spark.submit.deployMode") != null;
    }

    /** Spark's settings: the system's spark.* properties, then castnet's where they set nothing. */
    static SparkConf configure(String master, SearchJob job) {
        SparkConf conf = new SparkConf().setMaster(master);
        conf.setIfMissing("spark.app.name", "castnet search " + job.network());
        boolean local = master.startsWith("local");
        // the embedded run needs no web UI (nor its port); a cluster's UI shows the job's progress
        if (local) conf.setIfMissing("spark.ui.enabled", "false");
        // a standalone cluster on this machine reaches the driver on the loopback address
        if (MasterUrl.onLoopback(master)) conf.setIfMissing("spark.driver.host", "127.0.0.1");
        String options = executorOptions();
        if (!options.isEmpty()) {
            String given = conf.get("spark.executor.extraJavaOptions", "");
            conf.set("spark.executor.extraJavaOptions", (given + " " + options).strip());
        }
        if (!local) {
            List<String> jars = CastnetJars.named();
            if (jars != null) { // else spark-submit ships its application jar
                List<String> all = new ArrayList<>();
                String given = conf.get("spark.jars", "");
                if (!given.isBlank()) all.add(given);
                all.addAll(jars);
                conf.set("spark.jars", String.join(",", all));
            }
        }
        return conf;
    }

    /**
     * Java options for the executors, so they train as this JVM would: its {@code castnet.*} settings (kernel
     * threads, {@code castnet.vector}), and plain loops where this JVM has no Vector API (Spark gives executors
     * the module, and the two kernels agree only up to rounding).
     */
    static String executorOptions() {
        List<String> out = new ArrayList<>();
        for (String name : System.getProperties().stringPropertyNames().stream().sorted().toList()) {
            String value = System.getProperty(name);
            if (!name.startsWith("castnet.") || name.startsWith("castnet.spark.") || name.equals("castnet.root")) continue;
            if (value.matches("[^\\s'\"\\\\]*")) out.add("-D" + name + "=" + value);
        }
        if (System.getProperty("castnet.vector") == null && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            out.add("-Dcastnet.vector=false");
        }
        return String.join(" ", out);
    }

    private static JavaSparkContext start(SparkConf conf, String master) {
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new Failure("--spark " + master + ": Spark did not start: " + firstLine(e), e);
        }
    }

    /** The first line of the deepest message: Spark's job errors carry the executor's stack trace in them. */
    static String firstLine(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
            if (t.getCause() == t) break;
        }
        if (message == null) return e.getClass().getName();
        return message.strip().lines().findFirst().orElse(message);
    }
}
