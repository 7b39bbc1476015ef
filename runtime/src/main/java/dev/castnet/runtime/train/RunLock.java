package dev.castnet.runtime.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two processes from writing one run folder at once: an operating-system lock on a lock file in the
 * folder, which holds the owner's pid so that a second run can name it. The operating system releases the lock
 * when its process ends in any way (kill -9 included), so a lock file whose pid is still written but whose lock
 * is free is stale: the next run takes it over and says so. On a clean release the pid is erased; the file
 * stays, because deleting it would let a waiting process lock a file that no longer has a name.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(dir, "train")) { ... }
 * }</pre>
 */
public final class RunLock implements AutoCloseable {
    /** Another process holds the lock. */
    public static final class HeldException extends RuntimeException {
        /** The owner's pid, or -1. */
        private final long pid;

        HeldException(Path file, long pid) {
            super(file.toAbsolutePath().getParent() + " is in use by another run" + (pid > 0 ? " (pid " + pid + ")" : "")
                    + ", which holds " + file.getFileName() + "; wait for it to end or choose another folder");
            this.pid = pid;
        }

        /** {@return the owner's pid}, or -1 when the lock file does not say. */
        public long pid() {
            return pid;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final long stalePid;
    private final Thread onExit;
    private boolean released;

    private RunLock(Path file, FileChannel channel, FileLock lock, long stalePid) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.stalePid = stalePid;
        this.onExit = new Thread(this::release, "castnet-run-lock");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * The lock file of a command in a run folder.
     *
     * @param dir the run folder
     * @param what the command, {@code "train"} or {@code "search"}
     * @return {@code dir/.WHAT.lock}
     */
    public static Path file(Path dir, String what) {
        return dir.resolve("." + what + ".lock");
    }

    /**
     * Locks a run folder for a command, writing this process's pid into the lock file.
     *
     * @param dir the run folder, which must exist
     * @param what the command, {@code "train"} or {@code "search"}
     * @return the lock, to be closed when the run ends
     * @throws HeldException naming the owner's pid when another process holds it
     * @throws IOException when the lock file cannot be written
     */
    public static RunLock acquire(Path dir, String what) throws IOException {
        Path file = file(dir, what);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long previous = readPid(ch);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another command run in the same JVM)
            } catch (IOException e) {
                // a file system without locks (some network mounts): trust the pid if its process still runs
                lock = null;
                if (previous <= 0 || ProcessHandle.of(previous).isEmpty()) return take(file, ch, null, previous);
            }
            if (lock == null) throw new HeldException(file, previous);
            return take(file, ch, lock, previous);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static RunLock take(Path file, FileChannel ch, FileLock lock, long previous) throws IOException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(pid), 0);
        ch.force(true);
        return new RunLock(file, ch, lock, previous > 0 && previous != ProcessHandle.current().pid() ? previous : -1);
    }

    private static long readPid(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@return the pid of a process that ended without releasing this lock} (it was killed), or -1. */
    public long stalePid() {
        return stalePid;
    }

    /** {@return the lock file} */
    public Path file() {
        return file;
    }

    /** Erases the pid and releases the lock; also done when the JVM exits. */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting; the hook releases
        }
    }

    private synchronized void release() {
        if (released) return;
        released = true;
        try {
            channel.truncate(0);
            if (lock != null) lock.release();
            channel.close();
        } catch (IOException e) {
            // the operating system releases the lock when the process ends anyway
        }
    }
}
