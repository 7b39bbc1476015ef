package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worker team in the JVM with the vector kernels (the default surefire run); {@link
 * KernelTeamWithoutVectorModuleTest} repeats the bitwise check for the plain loops.
 */
class KernelTeamTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Teams that split every call they can (threshold 1 multiply-add), and one whose threshold splits some. */
    private static final KernelTeam TWO = new KernelTeam(2, 1, "castnet-kernel-test2-");
    private static final KernelTeam THREE = new KernelTeam(3, 1, "castnet-kernel-test3-");
    private static final KernelTeam FIVE = new KernelTeam(5, 1, "castnet-kernel-test5-");
    private static final KernelTeam THRESHOLD = new KernelTeam(4, 20_000, "castnet-kernel-test4-");

    @AfterAll
    static void stopTeams() {
        for (KernelTeam t : new KernelTeam[] {TWO, THREE, FIVE, THRESHOLD}) t.close();
    }

    static Stream<Arguments> teamsAndSizes() {
        List<Arguments> args = new ArrayList<>();
        long seed = 100;
        for (KernelTeam team : new KernelTeam[] {TWO, THREE, FIVE, THRESHOLD}) {
            for (int[] s : TeamCheck.SIZES) {
                args.add(Arguments.of(team, s[0], s[1], s[2], seed % 3 != 0, seed));
                seed++;
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "team of {0} batch={1} in={2} out={3} bias={4}")
    @MethodSource("teamsAndSizes")
    void floatResultsAreBitwiseThoseOfOneThread(KernelTeam team, int batch, int in, int out, boolean bias, long seed) {
        TeamCheck.checkFloat(team, batch, in, out, bias, seed);
    }

    @ParameterizedTest(name = "team of {0} batch={1} in={2} out={3} bias={4}")
    @MethodSource("teamsAndSizes")
    void doubleResultsAreBitwiseThoseOfOneThread(KernelTeam team, int batch, int in, int out, boolean bias, long seed) {
        TeamCheck.checkDouble(team, batch, in, out, bias, seed);
    }

    /**
     * A row task beyond the dense kernels (as a convolution would be): each row is a running sum along the row, so
     * a row computed twice, skipped, or split inside a row shows up. Every row must be written exactly once and
     * the result must be bitwise that of the task run on one thread.
     */
    static final class RunningSums implements RowTask {
        final double[] in, out;
        final int[] visits;
        final int cols;

        RunningSums(int rows, int cols, long seed) {
            this.cols = cols;
            in = new double[rows * cols];
            out = new double[rows * cols];
            visits = new int[rows];
            Random rnd = new Random(seed);
            for (int i = 0; i < in.length; i++) in[i] = rnd.nextDouble() - 0.5;
        }

        @Override
        public void rows(int r0, int r1) {
            for (int r = r0; r < r1; r++) {
                visits[r]++;
                double s = 0;
                for (int c = 0, i = r * cols; c < cols; c++, i++) {
                    s = s * 0.999 + in[i] * in[i];
                    out[i] = s;
                }
            }
        }
    }

    @Test
    void anyRowTaskSplitsOverTheTeamLikeOneThread() {
        long before = FIVE.chunksRunByWorkers();
        // the caller takes chunks no worker has started, so on a busy machine a round may run all on the caller
        for (int round = 0; round < 100 && (round == 0 || FIVE.chunksRunByWorkers() == before); round++) {
            for (KernelTeam team : new KernelTeam[] {TWO, THREE, FIVE, THRESHOLD}) {
                for (int rows : new int[] {0, 1, 3, 4, 5, 8, 13, 64, 97}) {
                    RunningSums one = new RunningSums(rows, 301, rows);
                    one.rows(0, rows);
                    RunningSums split = new RunningSums(rows, 301, rows);
                    team.run(split, rows, (long) rows * 301 * 100);
                    for (int r = 0; r < rows; r++) {
                        assertEquals(1, split.visits[r], "row " + r + " of " + rows + " visits, team of " + team.threads);
                    }
                    TeamCheck.sameBits(one.out, split.out, "row task, " + rows + " rows, team of " + team.threads);
                }
            }
        }
        assertTrue(FIVE.chunksRunByWorkers() > before, "the team of five never split a row task");
    }

    @Test
    void publicSplitRunsRowTasksOnTheDefaultTeam() {
        RunningSums one = new RunningSums(64, 1000, 4);
        one.rows(0, 64);
        RunningSums split = new RunningSums(64, 1000, 4);
        DenseKernels.split(split, 64, 64L * 1000 * 1000);
        for (int r = 0; r < 64; r++) assertEquals(1, split.visits[r], "row " + r);
        TeamCheck.sameBits(one.out, split.out, "DenseKernels.split");
        assertThrows(IllegalArgumentException.class, () -> DenseKernels.split(split, -1, 1));
    }

    @Test
    void workersTakePartAndAreNamedDaemons() {
        long before = FIVE.chunksRunByWorkers();
        for (int i = 0; i < 200; i++) TeamCheck.checkFloat(FIVE, 64, 33, 65, true, i);
        assertTrue(FIVE.chunksRunByWorkers() > before, "no worker ran a chunk");
        Thread[] workers = FIVE.workerThreads();
        assertEquals(4, workers.length);
        for (int i = 0; i < workers.length; i++) {
            assertEquals("castnet-kernel-test5-" + (i + 1), workers[i].getName());
            assertTrue(workers[i].isDaemon(), workers[i].getName() + " is not a daemon thread");
            assertTrue(workers[i].isAlive(), workers[i].getName() + " is not running");
        }
    }

    @Test
    void partsFollowRowBlocksAndThreshold() {
        KernelTeam t = new KernelTeam(4, 1000, "unused-");
        assertEquals(4, t.parts(64, 1_000_000));
        assertEquals(2, t.parts(8, 1_000_000), "one thread per 4-row block");
        assertEquals(1, t.parts(7, 1_000_000), "fewer than two 4-row blocks stay on the caller");
        assertEquals(1, t.parts(64, 1999), "less than the threshold per thread stays on the caller");
        assertEquals(2, t.parts(64, 2000));
        assertEquals(3, t.parts(64, 3500));
        assertEquals(1, new KernelTeam(1, 1, "unused-").parts(64, 1_000_000), "a team of one never splits");
        assertEquals(0, t.workerThreads().length, "workers start with the first split call, not before");
    }

    @Test
    void oneRowForwardIsSplitByColumns() {
        Random rnd = new Random(5);
        int in = 300, out = 777;
        float[] x = TeamCheck.random(in, 0, rnd), w = TeamCheck.random(in * out, 0, rnd);
        float[] b = TeamCheck.random(out, 0, rnd), y1 = new float[out], yN = new float[out];
        DenseFloat.forward(TeamCheck.ONE, x, 0, w, 0, b, 0, y1, 0, 1, in, out);
        long before = TWO.chunksRunByWorkers();
        // the caller takes chunks no worker has started, so on a busy machine a call may run all on the caller
        for (int round = 0; round < 100 && (round == 0 || TWO.chunksRunByWorkers() == before); round++) {
            DenseFloat.forward(TWO, x, 0, w, 0, b, 0, yN, 0, 1, in, out);
            TeamCheck.sameBits(y1, yN, "one-row forward, team of two");
        }
        assertTrue(TWO.chunksRunByWorkers() > before, "a worker never ran a chunk of a one-row forward");
        KernelTeam t = new KernelTeam(2, 1L << 30, 1000, "unused-");
        assertEquals(1, t.parts(64, 1_000_000), "rows keep the team's threshold");
        assertEquals(2, t.parts(8, 2000, t.minColumnWork), "columns have their own");
    }

    @Test
    void publicKernelsUseTheDefaultTeamAndMatchOneThread() {
        int procs = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(KernelTeam.DEFAULT_MAX, Math.max(1, procs)), DenseKernels.threads());
        Random rnd = new Random(3);
        int batch = 64, in = 784, out = 256; // the Fashion MLP's first layer: well above the threshold
        float[] x = TeamCheck.random(batch * in, 0, rnd), w = TeamCheck.random(in * out, 0, rnd);
        float[] b = TeamCheck.random(out, 0, rnd), dy = TeamCheck.random(batch * out, 0, rnd);
        float[] y1 = new float[batch * out], dw1 = new float[in * out], dx1 = new float[batch * in];
        float[] yN = new float[batch * out], dwN = new float[in * out], dxN = new float[batch * in];
        DenseFloat.forward(TeamCheck.ONE, x, 0, w, 0, b, 0, y1, 0, batch, in, out);
        DenseFloat.weightGradient(TeamCheck.ONE, x, 0, dy, 0, dw1, 0, batch, in, out);
        DenseFloat.inputGradient(TeamCheck.ONE, dy, 0, w, 0, dx1, 0, batch, in, out);
        long before = DenseKernels.TEAM.chunksRunByWorkers();
        for (int i = 0; i < 20; i++) {
            DenseKernels.forward(x, 0, w, 0, b, 0, yN, 0, batch, in, out);
            DenseKernels.weightGradient(x, 0, dy, 0, dwN, 0, batch, in, out);
            DenseKernels.inputGradient(dy, 0, w, 0, dxN, 0, batch, in, out);
        }
        TeamCheck.sameBits(y1, yN, "forward");
        TeamCheck.sameBits(dw1, dwN, "weightGradient");
        TeamCheck.sameBits(dx1, dxN, "inputGradient");
        if (DenseKernels.threads() > 1) {
            assertTrue(DenseKernels.TEAM.chunksRunByWorkers() > before, "the default team's workers never ran");
            for (Thread t : DenseKernels.TEAM.workerThreads()) {
                assertTrue(t.getName().matches("castnet-kernel-\\d+"), t.getName());
            }
        }
    }

    @Test
    void threadsPropertyIsReadAndChecked() {
        String old = System.getProperty("castnet.threads");
        try {
            System.clearProperty("castnet.threads");
            int procs = Runtime.getRuntime().availableProcessors();
            assertEquals(Math.min(8, Math.max(1, procs)), KernelTeam.configuredThreads());
            System.setProperty("castnet.threads", "1");
            assertEquals(1, KernelTeam.configuredThreads());
            System.setProperty("castnet.threads", " 12 ");
            assertEquals(12, KernelTeam.configuredThreads());
            for (String bad : new String[] {"0", "-2", "two", "1.5", "257"}) {
                System.setProperty("castnet.threads", bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelTeam::configuredThreads);
                assertEquals("-Dcastnet.threads=" + bad + ": expected a whole number of threads from 1 to 256"
                        + " (1 runs the kernels on the calling thread)", e.getMessage());
            }
        } finally {
            if (old == null) System.clearProperty("castnet.threads");
            else System.setProperty("castnet.threads", old);
        }
    }

    /** Bounds are checked by the public methods before the team sees the call: nothing is written. */
    @Test
    void badOperandsFailBeforeAnyWorkIsHandedOut() {
        int batch = 64, in = 784, out = 256;
        float[] x = new float[batch * in], w = new float[in * out], y = new float[batch * out - 1];
        Arrays.fill(x, 1f);
        Arrays.fill(w, 1f);
        Arrays.fill(y, -3f);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernels.forward(x, 0, w, 0, null, 0, y, 0, batch, in, out));
        assertEquals("y: 64 x 256 at offset 0 does not fit in an array of length 16383", e.getMessage());
        for (float v : y) assertEquals(-3f, v);
    }

    /** A chunk that fails (here: the team called directly, unchecked) reaches the caller; the team stays usable. */
    @Test
    void aFailingChunkReachesTheCallerAndTheTeamRecovers() {
        KernelTeam team = new KernelTeam(2, 1, "castnet-kernel-fail-");
        try {
            int batch = 64, in = 16, out = 16;
            float[] x = new float[batch * in], w = new float[in * out];
            float[] shortY = new float[40 * out]; // rows 40.. are missing: the second chunk (rows 32..64) fails
            for (int i = 0; i < 50; i++) {
                assertThrows(ArrayIndexOutOfBoundsException.class,
                        () -> DenseFloat.forward(team, x, 0, w, 0, null, 0, shortY, 0, batch, in, out));
            }
            for (int i = 0; i < 50; i++) TeamCheck.checkFloat(team, batch, in, out, true, i);
        } finally {
            team.close();
        }
    }

    /**
     * Several threads share one team, as two networks training at once would: whoever finds it busy runs on its
     * own thread. Every result must still be bitwise that of one thread, and no call may hang.
     */
    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        int callers = 3, rounds = 300;
        CyclicBarrier start = new CyclicBarrier(callers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long before = TWO.chunksRunByWorkers();
        for (int c = 0; c < callers; c++) {
            final int id = c;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        int batch = 8 + 4 * ((r + id) % 15), in = 20 + id, out = 30 + 7 * id;
                        if ((r & 1) == 0) TeamCheck.checkFloat(TWO, batch, in, out, r % 3 != 0, 1000L * id + r);
                        else TeamCheck.checkDouble(TWO, batch, in, out, r % 3 != 0, 1000L * id + r);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "caller-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new AssertionError("a concurrent caller failed", failure.get());
        assertTrue(TWO.chunksRunByWorkers() > before, "the team never split a call");
    }

    /**
     * With the team active, a training step's kernel calls allocate nothing, on the caller nor on the workers.
     * Until the JIT has compiled them the Vector API boxes vectors, so the test warms up and then looks for a
     * window of calls that allocates nothing on any of the threads.
     */
    @Test
    void splitCallsAllocateNothing() {
        KernelTeam team = new KernelTeam(3, 1, "castnet-kernel-alloc-");
        try {
            Random rnd = new Random(9);
            int batch = 23, in = 11, out = 125; // 23 rows: chunks of 4, 8 and 11 rows, all block shapes
            float[] x = TeamCheck.random(batch * in, 0, rnd), w = TeamCheck.random(in * out, 0, rnd);
            float[] b = TeamCheck.random(out, 0, rnd), dy = TeamCheck.random(batch * out, 0, rnd);
            float[] y = new float[batch * out], dw = new float[in * out], dx = new float[batch * in];
            double[] xd = TeamCheck.randomD(batch * in, 0, rnd), wd = TeamCheck.randomD(in * out, 0, rnd);
            double[] bd = TeamCheck.randomD(out, 0, rnd), dyd = TeamCheck.randomD(batch * out, 0, rnd);
            double[] yd = new double[batch * out], dwd = new double[in * out], dxd = new double[batch * in];
            RunningSums rowTask = new RunningSums(batch, 17, 5);
            Runnable step = () -> {
                DenseFloat.forward(team, x, 0, w, 0, b, 0, y, 0, batch, in, out);
                DenseFloat.forward(team, x, 0, w, 0, null, 0, y, 0, batch, in, out);
                DenseFloat.weightGradient(team, x, 0, dy, 0, dw, 0, batch, in, out);
                DenseFloat.inputGradient(team, dy, 0, w, 0, dx, 0, batch, in, out);
                DenseDouble.forward(team, xd, 0, wd, 0, bd, 0, yd, 0, batch, in, out);
                DenseDouble.forward(team, xd, 0, wd, 0, null, 0, yd, 0, batch, in, out);
                DenseDouble.weightGradient(team, xd, 0, dyd, 0, dwd, 0, batch, in, out);
                DenseDouble.inputGradient(team, dyd, 0, wd, 0, dxd, 0, batch, in, out);
                team.run(rowTask, rowTask.visits.length, Long.MAX_VALUE); // a general row task, too
            };
            for (int i = 0; i < 20_000; i++) step.run();
            Thread[] workers = team.workerThreads();
            assertEquals(2, workers.length);
            long[] ids = new long[workers.length];
            for (int i = 0; i < ids.length; i++) ids[i] = workers[i].getId();
            long least = Long.MAX_VALUE, leastCaller = 0, leastWorkers = 0, chunks = 0;
            for (int window = 0; window < 30 && least > 0; window++) {
                long[] workersBefore = THREADS.getThreadAllocatedBytes(ids);
                long chunksBefore = team.chunksRunByWorkers();
                long callerBefore = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 2000; i++) step.run();
                long caller = THREADS.getCurrentThreadAllocatedBytes() - callerBefore;
                long chunksRun = team.chunksRunByWorkers() - chunksBefore;
                long[] workersAfter = THREADS.getThreadAllocatedBytes(ids);
                long byWorkers = 0;
                for (int i = 0; i < ids.length; i++) {
                    assertTrue(workersBefore[i] >= 0 && workersAfter[i] >= 0, "allocation not measurable");
                    byWorkers += workersAfter[i] - workersBefore[i];
                }
                if (caller + byWorkers < least) {
                    least = caller + byWorkers;
                    leastCaller = caller;
                    leastWorkers = byWorkers;
                    chunks = chunksRun;
                }
            }
            assertEquals(0, least, "allocated " + leastCaller + " bytes on the caller, " + leastWorkers
                    + " on the workers over 2000 steps");
            assertTrue(chunks > 0, "the workers ran no chunk in the window, so it proves nothing about them");
        } finally {
            team.close();
        }
    }
}
