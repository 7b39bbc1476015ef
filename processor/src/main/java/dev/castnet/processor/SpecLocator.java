package dev.castnet.processor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Finds a {@code .nn} file named by {@code @NetworkSpec} (SPEC §3): next to the sources (the source path), in
 * the resources (the class path and the class output, where build tools copy resources before compiling), or
 * under the folder of {@code -Acastnet.specdir=}. A relative name is tried in the annotated element's package
 * first, then at the root; a name starting with {@code /} only at the root.
 */
final class SpecLocator {
    /** A found spec: the name errors and the generated header use (relative to its root), and its text. */
    record Found(String displayName, String text) {}

    /** Not found: where it looked, for the error message. */
    static final class NotFoundException extends Exception {
        final List<String> tried;

        NotFoundException(List<String> tried) {
            super(String.join(", ", tried));
            this.tried = List.copyOf(tried);
        }
    }

    private static final JavaFileManager.Location[] LOCATIONS = {
        StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH, StandardLocation.CLASS_OUTPUT
    };

    private final Filer filer;
    private final Path specDir;

    SpecLocator(Filer filer, Path specDir) {
        this.filer = filer;
        this.specDir = specDir;
    }

    Found locate(String packageName, String name) throws NotFoundException, IOException {
        boolean rooted = name.startsWith("/");
        String relative = rooted ? name.substring(1) : name;
        List<String> packages = new ArrayList<>();
        if (!rooted && !packageName.isEmpty()) packages.add(packageName);
        packages.add("");

        List<String> tried = new ArrayList<>();
        for (JavaFileManager.Location location : LOCATIONS) {
            for (String pkg : packages) {
                String display = pkg.isEmpty() ? relative : pkg.replace('.', '/') + "/" + relative;
                String text = readResource(location, pkg, relative);
                if (text != null) return new Found(display, text);
            }
            tried.add(location.getName().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (specDir != null) {
            for (String pkg : packages) {
                String display = pkg.isEmpty() ? relative : pkg.replace('.', '/') + "/" + relative;
                Path file = specDir.resolve(display);
                // malformed UTF-8 becomes U+FFFD, which the parser reports with its position, as SpecLoader.load does
                if (Files.isRegularFile(file)) {
                    return new Found(display, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
            tried.add("castnet.specdir " + specDir);
        } else {
            tried.add("no -Acastnet.specdir given");
        }
        throw new NotFoundException(tried);
    }

    /** The resource's text, or null when the location does not have it (or the tool does not support it). */
    private String readResource(JavaFileManager.Location location, String pkg, String relative) throws IOException {
        FileObject file;
        try {
            file = filer.getResource(location, pkg, relative);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return null; // not there (javac throws FileNotFoundException), or a location this tool does not offer
        }
        try {
            CharSequence text = file.getCharContent(true);
            return text == null ? null : text.toString();
        } catch (FileNotFoundException | NoSuchFileException e) {
            return null; // output locations hand out file objects for files that do not exist
        } catch (UnsupportedOperationException e) {
            try (var in = file.openInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (FileNotFoundException | NoSuchFileException missing) {
                return null;
            }
        } catch (UncheckedIOException e) {
            return null;
        }
    }
}
