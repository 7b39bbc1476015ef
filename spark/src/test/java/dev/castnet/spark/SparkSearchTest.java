package dev.castnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.spark.Cli.Run;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castnet search --spark local[K]}: Spark embedded in castnet's JVM. */
class SparkSearchTest {
    @TempDir
    static Path dir;

    @Test
    void localTwoGivesTheLocalSearchsTableOnTheDigitsSample() throws IOException {
        List<String> local = Cli.digitsBaseline(dir);
        Path out = dir.resolve("spark");
        Run r = Cli.search(Cli.digitsSearch(), out, "--epochs", String.valueOf(Cli.DIGITS_EPOCHS), "--spark", "local[2]");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(local, Cli.table(out), "trial by trial, the same figures as the local search");
        assertEquals(7, local.size(), "six trials: " + local);
        assertTrue(r.out().contains("(grid, 6 trials, on Spark local[2])"), r.out());
        assertEquals(6, r.out().lines().filter(l -> l.matches("\\[\\d/6] trial \\d .*val_loss.*")).count(),
                "a line per finished trial: " + r.out());
        assertTrue(r.out().contains("best: trial 6 hidden=128 lr=0.005"), r.out());
        assertTrue(Files.size(out.resolve("search.png")) > 1000);
    }

    @Test
    void aRandomSearchDrawsTheSameTrialsFromItsSeed() throws IOException {
        Path spec = dir.resolve("random.nn");
        Files.writeString(spec, String.join("\n",
                "network Drawn {",
                "    param hidden = 8",
                "    input 64",
                "    dense hidden",
                "    relu",
                "    dropout 0.1",
                "    dense 10",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer adam lr=1e-2",
                "    train { epochs 2; batch 64; validation 0.2; seed 5; preprocess zscore }",
                "    search random trials=4 seed=11 { lr loguniform(1e-3, 1e-1); hidden choice(4, 8); dropout uniform(0, 0.5) }",
                "}"));
        Run local = Cli.search(spec, dir.resolve("random-local"));
        assertEquals(0, local.code(), local.err() + local.out());
        Run spark = Cli.search(spec, dir.resolve("random-spark"), "--spark", "local[2]");
        assertEquals(0, spark.code(), spark.err() + spark.out());
        List<String> table = Cli.table(dir.resolve("random-spark"));
        assertEquals(5, table.size(), table.toString());
        assertEquals(Cli.table(dir.resolve("random-local")), table, "the driver draws the same trials; each gives the same figures");
    }

    @Test
    void aMasterThatCannotBeUsedIsOneLineBeforeAnyWork() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens here once it is closed
        }
        String[][] cases = {
            {"foo", "not a Spark master; use local[K]"},
            {"local[0]", "local[K] needs K >= 1"},
            {"spark://localhost", "a standalone master is spark://HOST:PORT"},
            {"spark://127.0.0.1:" + closed, "no Spark master answers"},
            {"yarn", "through spark-submit"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad-" + c[0].replaceAll("\\W", ""));
            Run r = Cli.search(Cli.digitsSearch(), out, "--spark", c[0]);
            assertEquals(1, r.code(), c[0] + ": " + r.err() + r.out());
            assertTrue(r.err().startsWith("castnet search: --spark " + c[0] + ": ") && r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertEquals("", r.out(), "nothing done before the check");
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void parallelIsForTheLocalSearch() {
        Run r = Cli.search(Cli.digitsSearch(), dir.resolve("p"), "--spark", "local[2]", "--parallel", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("castnet: --parallel and --spark: on Spark as many trials run at once"), r.err());
    }

    /**
     * As a user sees it, in a JVM of its own: Spark says nothing of its own while a search goes well, and a
     * master that does not answer is one line on the error stream.
     */
    @Test
    void sparkIsQuietAndAnUnreachableMasterIsOneLine() throws IOException, InterruptedException {
        Process ok = castnet(dir.resolve("quiet"), "--epochs", "1", "--spark", "local[2]");
        assertEquals(0, ok.waitFor(), read(ok, "out") + read(ok, "err"));
        assertEquals("", stderr(ok), "no Spark log lines");
        assertTrue(read(ok, "out").contains("best: trial"), read(ok, "out"));

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Process bad = castnet(dir.resolve("unreachable"), "--spark", "spark://127.0.0.1:" + closed);
        assertEquals(1, bad.waitFor());
        String err = stderr(bad);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("castnet search: --spark spark://127.0.0.1:" + closed + ": no Spark master answers ("),
                err);
    }

    private Process castnet(Path out, String... more) throws IOException, InterruptedException {
        List<String> cp = new ArrayList<>(List.of(Cli.target("classes").toString()));
        for (Path p : Cli.classPath("classpath.txt")) cp.add(p.toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Cli.root().resolve("spark/jvm.options"), "-cp", String.join(File.pathSeparator, cp),
                "dev.castnet.cli.Main", "search", Cli.digitsSearch().toString(), "--out", out.toString()));
        command.addAll(List.of(more));
        Files.createDirectories(dir.resolve("logs"));
        Path log = Files.createTempFile(dir.resolve("logs"), "castnet", "");
        Process p = new ProcessBuilder(command).redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
                .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile()).start();
        logs.put(p, log);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("castnet did not finish in 5 minutes: " + command);
        }
        return p;
    }

    private final java.util.Map<Process, Path> logs = new java.util.HashMap<>();

    private String read(Process p, String stream) throws IOException {
        Path log = logs.get(p);
        return Files.readString(log.resolveSibling(log.getFileName() + "." + stream));
    }

    /**
     * The error stream without the JVM's own notes ("WARNING: Using incubator modules", and on JDK 25 one about a
     * package of Spark's --add-opens list), which ./castnet filters out.
     */
    private String stderr(Process p) throws IOException {
        return String.join("\n", read(p, "err").lines().filter(l -> !l.startsWith("WARNING: ")).toList());
    }
}
