package dev.castnet.runtime.train;

import java.nio.file.Path;

/** Child process for {@link RunLockTest}: locks {@code args[0]} for "train", prints "locked", waits to be killed. */
public final class RunLockHolderMain {
    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "train");
        System.out.println("locked " + lock.file());
        System.out.flush();
        System.in.read(); // until the parent kills this process (or closes its input)
        lock.close();
    }
}
