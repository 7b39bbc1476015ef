package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castnet search} on the bundled digits with a tiny network and two epochs per trial. */
class SearchCommandTest {
    @TempDir
    Path dir;

    private Path spec(String name, String search) throws IOException {
        Path file = dir.resolve(name + ".nn");
        Files.writeString(file, String.join("\n",
                "network " + name + " {",
                "    param hidden = 8",
                "    input 64",
                "    dense hidden",
                "    relu",
                "    dense 10",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer adam lr=1e-2",
                "    train { epochs 2; batch 64; validation 0.2; seed 5; preprocess zscore }",
                search,
                "}"));
        return file;
    }

    private static Run search(Path spec, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("search", spec.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return CommandLineTest.run(args.toArray(String[]::new));
    }

    /** The CSV without its seconds column, which is the only figure that differs between identical runs. */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int seconds = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(seconds);
            out.add(String.join(",", cells));
        }
        return out;
    }

    @Test
    void gridTriesEveryCombinationSortedByValidationLossAndParallelChangesNothing() throws IOException {
        Path spec = spec("Tiny", "    search grid { hidden choice(4, 8); lr choice(1e-3, 3e-2) }");
        Run r = search(spec, dir.resolve("one"));
        assertEquals(0, r.code(), r.err() + r.out());

        List<String> lines = Files.readAllLines(dir.resolve("one/search.csv"));
        assertEquals("rank,trial,hidden,lr,val_loss,val_accuracy,train_loss,epochs_run,seconds,error", lines.get(0));
        assertEquals(5, lines.size(), "header and one row per combination: " + lines);
        Set<String> combinations = new HashSet<>();
        double previous = Double.NEGATIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            combinations.add(c[2] + " " + c[3]);
            double loss = Double.parseDouble(c[4]);
            assertTrue(loss >= previous, "sorted by val_loss: " + lines);
            previous = loss;
            assertEquals("2", c[7], "two epochs per trial");
            assertEquals("", c[9], "no trial failed");
        }
        assertEquals(Set.of("4 0.001", "4 0.03", "8 0.001", "8 0.03"), combinations);
        assertTrue(Files.size(dir.resolve("one/search.png")) > 1000);

        assertEquals(4, r.out().lines().filter(l -> l.matches("\\[\\d/4] trial \\d .*val_loss.*")).count(), r.out());
        String[] best = lines.get(1).split(",");
        assertTrue(r.out().contains("best: trial " + best[1] + " hidden=" + best[2] + " lr=" + best[3]), r.out());
        assertTrue(r.out().contains("ranked by val_loss"), r.out());

        Run two = search(spec, dir.resolve("two"), "--parallel", "2");
        assertEquals(0, two.code(), two.err() + two.out());
        assertEquals(withoutSeconds(dir.resolve("one/search.csv")), withoutSeconds(dir.resolve("two/search.csv")),
                "trials are pure: running two at once gives the same figures");
    }

    @Test
    void randomSearchIsDeterministicForItsSeed() throws IOException {
        Path spec = spec("Drawn", "    search random trials=3 seed=11 { lr loguniform(1e-3, 1e-1); hidden choice(4, 8) }");
        Run a = search(spec, dir.resolve("a"));
        assertEquals(0, a.code(), a.err() + a.out());
        Run b = search(spec, dir.resolve("b"));
        assertEquals(0, b.code(), b.err() + b.out());
        List<String> first = withoutSeconds(dir.resolve("a/search.csv"));
        assertEquals(4, first.size(), "header and three trials: " + first);
        assertEquals(first, withoutSeconds(dir.resolve("b/search.csv")));

        Run other = search(spec, dir.resolve("c"), "--seed", "12", "--trials", "2", "--epochs", "1");
        assertEquals(0, other.code(), other.err() + other.out());
        List<String> c = withoutSeconds(dir.resolve("c/search.csv"));
        assertEquals(3, c.size(), "--trials 2: " + c);
        assertNotEquals(first.get(1).split(",")[2], c.get(1).split(",")[2], "another seed draws other rates");
        assertEquals("rank,trial,lr,hidden,val_loss,val_accuracy,train_loss,epochs_run,error", c.get(0));
        assertEquals("1", c.get(1).split(",")[7], "--epochs 1: " + c);
    }

    @Test
    void rankingFollowsTheEarlyStoppingMonitor() throws IOException {
        Path spec = spec("Acc", "    search grid { lr choice(1e-3, 3e-2) }");
        Files.writeString(spec, Files.readString(spec).replace("preprocess zscore }",
                "preprocess zscore; early_stop monitor=val_accuracy patience=3 }"));
        Run r = search(spec, dir.resolve("acc"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("ranked by val_accuracy"), r.out());
        List<String> lines = Files.readAllLines(dir.resolve("acc/search.csv"));
        assertEquals("rank,trial,lr,val_loss,val_accuracy", lines.get(0).substring(0, 35));
        assertTrue(Double.parseDouble(lines.get(1).split(",")[4]) >= Double.parseDouble(lines.get(2).split(",")[4]),
                "best accuracy first: " + lines);
    }

    @Test
    void aNetworkWithoutSearchBlockIsToldToAddOne() throws IOException {
        Path spec = spec("Plain", "");
        Run r = search(spec, dir.resolve("plain"));
        assertEquals(1, r.code(), r.out());
        assertEquals("castnet: " + spec + ": network Plain has no search block; add one, for example `search grid "
                + "{ lr choice(1e-3, 2e-3, 5e-3) }` (search grid|random [trials=N] [seed=S] [parallel=K] "
                + "{ name distribution … })", r.err().strip());
        assertTrue(Files.notExists(dir.resolve("plain/search.csv")));
    }

    @Test
    void sparkNeedsCastnetSparkOnTheClassPath() throws IOException {
        // the command line alone has no Spark: castnet-spark is only on the class path of --spark searches
        Path spec = spec("Cluster", "    search grid { lr choice(1e-3) }");
        Run r = search(spec, dir.resolve("cluster"), "--spark", "local[2]");
        assertEquals(1, r.code(), r.out());
        assertEquals("castnet: --spark needs castnet-spark on the class path: run through ./castnet (it builds"
                + " castnet-spark the first time --spark is used) or spark-submit castnet-spark's jar"
                + " (docs/search-on-spark.md)", r.err().strip());
        assertTrue(Files.notExists(dir.resolve("cluster")));
    }

    @Test
    void badArgumentsAndSpecErrorsAreOneLine() throws IOException {
        Path spec = spec("Args", "    search grid { lr choice(1e-3) }");
        Run parallel = search(spec, dir.resolve("x"), "--parallel", "0");
        assertEquals(2, parallel.code());
        assertTrue(parallel.err().startsWith("castnet: --parallel must be at least 1, got 0"), parallel.err());
        assertTrue(parallel.err().contains("Usage: castnet search"), parallel.err());

        Path bad = spec("Bad", "    search grid { lr loguniform(1e-3, 1e-1) }");
        Run r = search(bad, dir.resolve("y"));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("Bad.nn:11:"), r.err());

        Run help = CommandLineTest.run("search", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: castnet search") && help.out().contains("--parallel"), help.out());
    }

    @Test
    void batchesLargerThanTheDataAndALockedFolder() throws IOException {
        Path spec = spec("Big", "    search grid { batch choice(64, 99999999) }");
        Run r = search(spec, dir.resolve("big"), "--epochs", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("castnet search: note: trials with a batch larger than the 1438 training samples "
                + "use 1438"), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("big/search.csv"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.endsWith(",")), "no trial failed: " + lines);

        Path busy = Files.createDirectories(dir.resolve("busy"));
        try (dev.castnet.runtime.train.RunLock held = dev.castnet.runtime.train.RunLock.acquire(busy, "search")) {
            Run locked = search(spec, busy, "--epochs", "1");
            assertEquals(1, locked.code(), locked.out());
            assertTrue(locked.err().contains("castnet: " + busy.toAbsolutePath() + " is in use by another run (pid "
                    + ProcessHandle.current().pid() + ")"), locked.err());
        }
    }
}
