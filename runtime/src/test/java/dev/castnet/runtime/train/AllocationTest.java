package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.augment.AugmentOptions;
import dev.castnet.runtime.augment.Augmenter;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import dev.castnet.runtime.testing.SoftmaxRegression;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-batch pipeline (gather, augment, preprocess) allocates nothing once warmed up. */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Bytes allocated by 100 runs of {@code r} after warming it up, minus the cost of measuring: the least
     * of five rounds, so that a one-off allocation by the JVM itself on this thread (a deoptimization while
     * the compiler catches up on a busy machine) does not count, while anything {@code r} allocates per
     * run shows in every round.
     */
    private static long bytesOf(Runnable r) {
        for (int i = 0; i < 2000; i++) r.run();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > 0; round++) {
            long empty0 = allocated();
            long empty1 = allocated();
            long overhead = empty1 - empty0;
            long before = allocated();
            for (int i = 0; i < 100; i++) r.run();
            least = Math.min(least, allocated() - before - overhead);
        }
        return least;
    }

    @Test
    void batchPipelineAllocatesNothing() {
        Dataset d = Digits.load();
        AugmentOptions aug = AugmentOptions.parse("rotate=10 flip=both zoom=0.9..1.1 shift=1 noise=0.05");
        Augmenter augmenter = new Augmenter(d.image(), aug);
        Rng rng = new Rng(1);
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) order[i] = order.length - 1 - i;
        for (PreprocessSpec spec : new PreprocessSpec[] {PreprocessSpec.zscore(), PreprocessSpec.minmax(-1, 1),
            PreprocessSpec.pcaWhiten(64, 1e-5)}) {
            Preprocessor pre = Preprocessing.fit(spec, d);
            SoftmaxRegression net = new SoftmaxRegression(64, 10, 32, 1, 0.1, 0.9, 0);
            BatchBuffers b = new BatchBuffers(net, pre, 64, 32, true);
            int[] start = {0};
            long bytes = bytesOf(() -> {
                b.load(d, null, order, start[0], 32, augmenter, rng);
                start[0] = (start[0] + 32) % (d.size() - 32);
            });
            assertEquals(0, bytes, spec + ": bytes allocated by 100 batches");
        }
    }
}
