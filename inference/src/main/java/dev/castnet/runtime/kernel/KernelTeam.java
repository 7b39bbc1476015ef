package dev.castnet.runtime.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent team of worker threads that splits one call's rows into contiguous chunks: any {@link RowTask}
 * (the dense kernels split batch rows for forward and input gradient, rows of {@code dw} for the weight gradient,
 * groups of columns for a forward call of too few rows, stages of a forward call, groups of columns of an input
 * gradient; other kernels split whatever rows they write independently). The calling thread runs the first chunk
 * itself and waits for the others. Every output row is computed by exactly one thread with the same code as a
 * single-threaded call, and chunks start at multiples of {@link #ALIGN} rows, so results are bitwise those of one
 * thread.
 *
 * <p>One call at a time owns the team, taken by a compare-and-set on {@code busy}; a call that finds the team
 * busy (another thread's network training at the same time) runs on its own thread instead: it never waits for
 * another call, so it can neither block nor deadlock. A call too small to pay for the hand-off (fewer than
 * {@link #minWork} multiply-adds per thread) also stays on the caller.
 *
 * <p>The hand-off allocates nothing: the caller's preallocated task goes into a field of the team, each worker's
 * rows into its own fields, published by a volatile write of the worker's {@code offered} flag. A chunk is run by
 * whoever takes the flag first by compare-and-set: its worker, or the caller once it has finished its own chunk. So
 * a worker that is slow to wake (parked, or its core busy with another process) costs no more than running the call
 * on one thread. Idle workers spin for {@link #SPIN_NANOS} (the next kernel of a training step usually follows
 * within microseconds) and then park; the caller spins likewise while waiting for chunks taken by workers and then
 * parks until the last worker unparks it.
 */
final class KernelTeam {
    /** Team size when {@code castnet.threads} is not set: the processors, at most this many. */
    static final int DEFAULT_MAX = 8;
    /**
     * Chunks start at multiples of this many rows, so a task whose rows come in blocks (of 4, or of 2) can count on
     * whole blocks. The dense kernels no longer need it: each of their output elements is summed in the same order
     * whichever block computes it.
     */
    static final int ALIGN = 4;
    /**
     * How long an idle thread spins before it parks ({@code -Dcastnet.threads.spinNanos=N} overrides). Measured on
     * 2 cores: 200 µs was as fast for one training process, but with two processes training at once each ran
     * slower than with one thread (the spinning took the other's core); 50 µs keeps the gain for one process and
     * no loss for two; 5 µs loses the gain (the worker parks between calls and the wake-up costs more than it saves).
     */
    static final long SPIN_NANOS = KernelSettings.whole("castnet.threads.spinNanos", 50_000, 0, "nanoseconds");

    private static final VarHandle BUSY, PENDING, OFFERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BUSY = l.findVarHandle(KernelTeam.class, "busy", int.class);
            PENDING = l.findVarHandle(KernelTeam.class, "pending", int.class);
            OFFERED = l.findVarHandle(Worker.class, "offered", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Threads taking part in a split call, the caller included; 1 means every call runs on the caller. */
    final int threads;
    /** Multiply-adds each thread must get for a split to pay (measured, see bench/README.md). */
    final long minWork;
    /**
     * The same for a call split by columns because it has too few rows (a one-sample predict): only its latency
     * counts, so it pays from less work.
     */
    final long minColumnWork;
    private final String namePrefix;
    private final Worker[] workers;
    private volatile boolean started;
    /** Set when the workers could not be started: the team then behaves as a team of one. */
    private volatile boolean broken;

    /** 1 while a call owns the team. */
    private volatile int busy;
    /** Workers of the current call that have not finished their chunk. */
    private volatile int pending;
    private volatile boolean callerParked;
    private Thread caller;

    /** The current call's task, written by the caller before it publishes the chunks (Worker.offered). */
    private RowTask task;

    KernelTeam(int threads, long minWork, String namePrefix) {
        this(threads, minWork, minWork, namePrefix);
    }

    KernelTeam(int threads, long minWork, long minColumnWork, String namePrefix) {
        if (threads < 1) throw KernelErrors.teamSize(threads);
        this.threads = threads;
        this.minWork = Math.max(1, minWork);
        this.minColumnWork = Math.max(1, minColumnWork);
        this.namePrefix = namePrefix;
        this.workers = new Worker[threads - 1];
    }

    /** Team size from {@code -Dcastnet.threads=N}, else the available processors, at most {@link #DEFAULT_MAX}. */
    static int configuredThreads() {
        String value = System.getProperty("castnet.threads");
        if (value == null || value.isBlank()) {
            return Math.max(1, Math.min(DEFAULT_MAX, Runtime.getRuntime().availableProcessors()));
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 256) {
            throw KernelErrors.threadsProperty(value);
        }
        return n;
    }

    /**
     * How many threads a call over {@code rows} rows doing {@code work} multiply-adds should use: at most one per
     * {@link #ALIGN}-row block and one per {@link #minWork} multiply-adds; 1 means run it on the caller.
     */
    int parts(int rows, long work) {
        return parts(rows, work, minWork);
    }

    /** {@link #parts(int, long)} with another threshold of multiply-adds per thread ({@link #minColumnWork}). */
    int parts(int rows, long work, long minWork) {
        if (threads == 1 || broken) return 1;
        long p = Math.min(Math.min(threads, rows / ALIGN), work / minWork);
        return (int) Math.max(1, p);
    }

    // ---------------------------------------------------------------- calls

    /**
     * Runs {@code task.rows} over {@code [0, rows)}: split into up to {@link #parts} chunks when the call is worth
     * it ({@code work} multiply-adds or comparable units in all) and the team is free, else on the calling thread
     * in one piece. The task must compute each row the same way whichever chunk holds it (chunks start at
     * multiples of {@link #ALIGN}), so results do not depend on the team size. A task object must not be shared
     * by threads calling at the same time: the team reads its operands from it while the call runs.
     */
    void run(RowTask task, int rows, long work) {
        run(task, rows, work, minWork);
    }

    /** {@link #run(RowTask, int, long)} with another threshold of multiply-adds per thread ({@link #minColumnWork}). */
    void run(RowTask task, int rows, long work, long minWork) {
        int parts = parts(rows, work, minWork);
        if (parts > 1 && acquire()) {
            this.task = task;
            execute(rows, parts);
        } else {
            task.rows(0, rows);
        }
    }

    // ---------------------------------------------------------------- hand-off

    private boolean acquire() {
        if (!BUSY.compareAndSet(this, 0, 1)) return false;
        if (!started && !start()) {
            busy = 0;
            return false;
        }
        return true;
    }

    /** Starts the workers once; false (and the team stays single-threaded) if the JVM refuses new threads. */
    private synchronized boolean start() {
        if (started) return true;
        if (broken) return false;
        try {
            for (int i = 0; i < workers.length; i++) {
                Worker w = new Worker(this, namePrefix.concat(Integer.toString(i + 1)));
                w.start();
                workers[i] = w;
            }
        } catch (Throwable t) { // OutOfMemoryError "unable to create native thread", SecurityException
            broken = true;
            stopWorkers();
            return false;
        }
        started = true;
        return true;
    }

    /**
     * Start of chunk {@code i} of {@code parts} over {@code rows} rows: a multiple of {@link #ALIGN}, or {@code rows}
     * for {@code i == parts}.
     */
    static int chunkStart(int rows, int parts, int i) {
        if (i == parts) return rows;
        return (int) ((long) (rows / ALIGN) * i / parts) * ALIGN;
    }

    /** Runs the call now held in the operand fields over {@code rows} rows on {@code parts} threads; owns the team. */
    private void execute(int rows, int parts) {
        Throwable failure = null;
        try {
            caller = Thread.currentThread();
            pending = parts - 1;
            for (int i = 1; i < parts; i++) {
                Worker w = workers[i - 1];
                w.failure = null;
                w.r0 = chunkStart(rows, parts, i);
                w.r1 = chunkStart(rows, parts, i + 1);
                w.offered = 1; // volatile write: publishes the operands and the rows
                if (w.parked) LockSupport.unpark(w);
            }
            try {
                runChunk(0, chunkStart(rows, parts, 1));
                for (int i = 1; i < parts; i++) { // chunks no worker has taken yet: run them here
                    Worker w = workers[i - 1];
                    if (w.offered == 1 && OFFERED.compareAndSet(w, 1, 0)) {
                        try {
                            runChunk(w.r0, w.r1);
                        } finally {
                            countDown();
                        }
                    }
                }
            } finally {
                // after a failure here, withdraw what no worker has taken; wait for the rest, which still write
                for (int i = 1; i < parts; i++) {
                    Worker w = workers[i - 1];
                    if (w.offered == 1 && OFFERED.compareAndSet(w, 1, 0)) countDown();
                }
                awaitWorkers();
                for (int i = 1; i < parts; i++) {
                    Worker w = workers[i - 1];
                    if (w.failure != null) {
                        if (failure == null) failure = w.failure;
                        w.failure = null;
                    }
                }
            }
        } finally {
            task = null; // do not keep the caller's task (and through it its arrays) alive
            caller = null;
            busy = 0;
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure instanceof Error) throw (Error) failure;
        if (failure != null) throw KernelErrors.workerFailed(failure);
    }

    private void awaitWorkers() {
        if (pending == 0) return;
        long deadline = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        while (pending != 0) {
            if ((++spins & 63) != 0 || System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
                continue;
            }
            callerParked = true;
            if (pending != 0) LockSupport.park(this);
            callerParked = false;
        }
    }

    /** Rows {@code [r0, r1)} of the current call. */
    void runChunk(int r0, int r1) {
        task.rows(r0, r1);
    }

    /** Called when a worker's chunk is done; the last one wakes a parked caller. */
    private void finished() {
        if (countDown() == 0 && callerParked) {
            LockSupport.unpark(caller);
        }
    }

    /** One chunk fewer to wait for; returns how many are left. */
    private int countDown() {
        return (int) PENDING.getAndAdd(this, -1) - 1;
    }

    // ---------------------------------------------------------------- for tests

    /** The worker threads, empty until the first split call. */
    Thread[] workerThreads() {
        return started ? workers.clone() : new Thread[0];
    }

    /** Chunks run by the workers so far (read between calls). */
    long chunksRunByWorkers() {
        long n = 0;
        if (started) for (Worker w : workers) n += w.chunks;
        return n;
    }

    /** Stops the workers (tests create teams of their own and stop them afterwards). */
    synchronized void close() {
        broken = true; // later calls run on the caller
        stopWorkers();
    }

    private void stopWorkers() {
        for (Worker w : workers) {
            if (w != null) {
                w.stop = true;
                LockSupport.unpark(w);
            }
        }
    }

    /** A worker: waits for a chunk to be offered, takes it unless the caller was faster, runs it, reports back. */
    private static final class Worker extends Thread {
        private final KernelTeam team;
        int r0, r1;
        /** 1 while a chunk is offered and not yet taken. */
        volatile int offered;
        volatile boolean parked;
        volatile boolean stop;
        Throwable failure;
        /** Chunks this worker has run (tests check that the workers, not only the caller, did work). */
        long chunks;

        Worker(KernelTeam team, String name) {
            super(null, null, name, 0, false); // inherits no thread-locals from whichever thread started the team
            this.team = team;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (awaitOffer()) {
                if (!OFFERED.compareAndSet(this, 1, 0)) continue; // the caller took it
                try {
                    team.runChunk(r0, r1);
                } catch (Throwable t) { // reported to the caller; the worker lives on
                    failure = t;
                }
                chunks++;
                team.finished();
            }
        }

        /** Spins, then parks, until a chunk is offered (true) or the team stops (false). */
        private boolean awaitOffer() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int spins = 0;
            while (offered == 0) {
                if (stop) return false;
                if ((++spins & 63) != 0 || System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (offered == 0 && !stop) LockSupport.park(this);
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS; // woken: likely more calls follow soon
            }
            return !stop;
        }
    }
}
