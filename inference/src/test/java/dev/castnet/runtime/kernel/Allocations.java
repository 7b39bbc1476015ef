package dev.castnet.runtime.kernel;

import java.lang.management.ManagementFactory;

/**
 * Bytes a call allocates on the calling thread once warmed up. Until the JIT has compiled a kernel the Vector API
 * boxes every vector, and the JVM may allocate once on the thread while it catches up, so the measure is the least
 * over many windows of calls: a call that allocates every time never produces an empty window.
 */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /** Runs {@code step} {@code warmUp} times, then returns the fewest bytes a window of {@code calls} allocated. */
    static long leastOverWindows(Runnable step, int warmUp, int calls) {
        for (int i = 0; i < warmUp; i++) step.run();
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 30 && least > 0; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) step.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
