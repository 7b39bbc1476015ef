package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedWithTheOwnersPidAndTheLockIsFreeAfterClose() throws IOException {
        long self = ProcessHandle.current().pid();
        try (RunLock lock = RunLock.acquire(dir, "train")) {
            assertEquals(self + "\n", Files.readString(lock.file()));
            assertEquals(-1, lock.stalePid());
            RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "train"));
            assertEquals(self, e.pid());
            assertEquals(dir.toAbsolutePath() + " is in use by another run (pid " + self + "), which holds .train.lock;"
                    + " wait for it to end or choose another folder", e.getMessage());
            // another command's lock is another file
            try (RunLock search = RunLock.acquire(dir, "search")) {
                assertEquals(dir.resolve(".search.lock"), search.file());
            }
        }
        assertEquals("", Files.readString(RunLock.file(dir, "train")), "a clean release erases the pid");
        try (RunLock again = RunLock.acquire(dir, "train")) {
            assertEquals(-1, again.stalePid());
        }
    }

    @Test
    void aKilledOwnersLockIsHeldWhileItRunsAndStaleAfterwards() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunLockHolderMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("locked"), "child said " + line);
            RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "train"));
            assertEquals(child.pid(), e.pid());
        } finally {
            child.destroyForcibly(); // kill -9: the lock file keeps the pid, the operating system frees the lock
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertEquals(child.pid() + "\n", Files.readString(RunLock.file(dir, "train")));
        try (RunLock lock = RunLock.acquire(dir, "train")) {
            assertEquals(child.pid(), lock.stalePid());
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(lock.file()));
        }
    }
}
