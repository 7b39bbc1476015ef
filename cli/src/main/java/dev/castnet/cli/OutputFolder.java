package dev.castnet.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The folder a command writes into ({@code --out}, {@code -d}): checked before any work, so that a folder that
 * cannot be written is found at once and with its reason, not after the first epoch; created only once the
 * work is known to start, and removed again if the command fails before writing anything into it.
 */
final class OutputFolder {
    private OutputFolder() {}

    /** Refuses a path that can never be a folder (a file, or under one); creates nothing. */
    static void check(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(option + " " + dir + " is a file, not a folder; name a folder (it is created if missing)", 2);
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UserError(option + " " + dir + ": " + existing + " is a file, so no folder can be made under it", 2);
        }
    }

    /**
     * Creates {@code dir} if needed and makes sure a file can be written in it; returns whether it was created
     * here (so that {@link #removeIfEmpty} may take it away again).
     */
    static boolean create(Path dir, String option) {
        check(dir, option);
        boolean existed = Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".castnet-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            if (!existed) removeIfEmpty(dir);
            throw new UserError(option + " " + dir + ": cannot create or write this folder: " + reason(e), 1);
        }
        return !existed;
    }

    /** What the operating system said, in words: "permission denied", "read-only file system", ... */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) {
            return "its file system allows no new files (" + ((NoSuchFileException) e).getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Deletes {@code dir} when nothing but lock files is in it. */
    static void removeIfEmpty(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) if (!f.getFileName().toString().endsWith(".lock")) return;
        } catch (IOException e) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // an empty folder left behind is harmless
        }
    }
}
