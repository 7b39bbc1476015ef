package dev.castnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.spark.Cli.Run;
import dev.castnet.spark.TaskAttempts.Attempt;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on this machine: a master and one worker of two cores, bound to 127.0.0.1 on
 * ports the system picks, started from the Spark jars Maven resolved; each executor is a JVM of its own. The
 * driver is this JVM and ships castnet's jars to the executors as ./castnet does.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static AutoCloseable settings;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = LocalCluster.start(Cli.classPath("spark-classpath.txt"), 1, 2, "2g");
        List<String> jars = new ArrayList<>();
        for (Path p : Cli.classPath("castnet-classpath.txt")) jars.add(p.toString());
        jars.add(Cli.target("classes").toString());
        jars.add(Cli.target("test-classes").toString()); // the listener and the fault below
        settings = Cli.properties(CastnetJars.PROPERTY, String.join(File.pathSeparator, jars),
                "spark.ui.enabled", "false", "spark.extraListeners", TaskAttempts.class.getName());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (settings != null) settings.close();
        if (cluster != null) cluster.close();
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("?")).toList(),
                "the master, the worker and its executors are gone");
        assertTrue(cluster == null || Files.notExists(cluster.home()), "the cluster's folder is removed");
    }

    private Run digits(Path out) {
        Run r = Cli.search(Cli.digitsSearch(), out, "--epochs", String.valueOf(Cli.DIGITS_EPOCHS), "--spark",
                cluster.masterUrl());
        assertEquals(0, r.code(), () -> r.err() + r.out() + cluster.logTail());
        return r;
    }

    @Test
    void theDigitsSampleThroughTheMasterGivesTheLocalSearchsTable() throws IOException {
        TaskAttempts.take();
        Path out = dir.resolve("cluster");
        Run r = digits(out);
        assertEquals(Cli.digitsBaseline(dir), Cli.table(out), "trial by trial, the same figures as the local search");
        assertTrue(r.out().contains("on Spark " + cluster.masterUrl()), r.out());

        List<Attempt> attempts = TaskAttempts.take();
        assertEquals(6, attempts.size(), "one attempt per trial: " + attempts);
        for (Attempt a : attempts) {
            assertEquals("Success", a.end(), attempts.toString());
            assertTrue(!a.executor().equals("driver"), "run by an executor of the cluster: " + attempts);
        }
    }

    @Test
    void anExecutorThatDiesIsReplacedAndItsTrialsRunAgain() throws Exception {
        TaskAttempts.take();
        Path out = dir.resolve("fault");
        try (AutoCloseable fault = Cli.properties("spark.plugins", KillFirstAttempt.class.getName())) {
            digits(out);
        }
        assertEquals(Cli.digitsBaseline(dir), Cli.table(out), "the table is unchanged by the retry");

        List<Attempt> attempts = TaskAttempts.take();
        assertTrue(attempts.stream().anyMatch(a -> a.partition() == 0 && a.attempt() == 0
                && a.end().startsWith("ExecutorLostFailure")), "trial 1's first attempt lost its executor: " + attempts);
        assertTrue(attempts.stream().anyMatch(a -> a.partition() == 0 && a.attempt() > 0 && a.end().equals("Success")),
                "trial 1 ran again: " + attempts);
        assertEquals(6, attempts.stream().filter(a -> a.end().equals("Success")).count(), attempts.toString());
    }

    @Test
    void aTrialThatDivergesIsARowWithItsErrorAndIsNotRetried() throws IOException {
        Path spec = dir.resolve("diverge.nn");
        Files.writeString(spec, String.join("\n",
                "network Diverge {",
                "    input 64",
                "    dense 8",
                "    relu",
                "    dense 10",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd lr=0.1",
                "    train { epochs 2; batch 64; validation 0.2; seed 5; preprocess zscore }",
                "    search grid { lr choice(0.1, 1e12) }",
                "}"));
        Run local = Cli.search(spec, dir.resolve("diverge-local"));
        assertEquals(0, local.code(), local.err() + local.out());
        TaskAttempts.take();
        Run r = Cli.search(spec, dir.resolve("diverge-cluster"), "--spark", cluster.masterUrl());
        assertEquals(0, r.code(), () -> r.err() + r.out() + cluster.logTail());

        List<String> table = Cli.table(dir.resolve("diverge-cluster"));
        assertEquals(Cli.table(dir.resolve("diverge-local")), table);
        assertTrue(table.get(2).startsWith("2,2,1e12,,,,0,\"training diverged"), "the diverged trial's row: " + table);
        assertTrue(r.out().contains("trial 2 lr=1e12: failed: training diverged"), r.out());

        List<Attempt> attempts = TaskAttempts.take();
        assertEquals(List.of("0 0 Success", "1 0 Success"), attempts.stream()
                .map(a -> a.partition() + " " + a.attempt() + " " + a.end()).sorted().toList(), "no retry");
    }
}
