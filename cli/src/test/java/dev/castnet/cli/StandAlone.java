package dev.castnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * What keeps the repository standing alone, as checks over a folder (the repository root in the tests, a folder of
 * planted mistakes in their self-tests): no file refers to a path outside it, every relative link of its Markdown
 * resolves to a file inside it. Each finding reads {@code file:line: what}.
 */
final class StandAlone {
    private StandAlone() {}

    /**
     * Absolute paths that only exist on one machine: home and work folders, mounts, Windows drives. System paths
     * that a package puts in the same place everywhere ({@code /usr/share/datasets/fashion-mnist}, the shebang's
     * {@code /usr/bin/env}) are not the machine's but the distribution's, and may be named.
     */
    private static final Pattern MACHINE_PATH = Pattern.compile(
            "(?<![\\w.:/~-])/(work|home|Users|root|mnt|media|srv)/|(?<!\\w)[A-Za-z]:[\\\\/]+(Users|work)[\\\\/]+");

    /** The folder this repository was once checked out beside, at any depth. */
    private static final Pattern NEIGHBOUR = Pattern.compile("\\.\\./shared\\b");

    /** A {@code ..} path segment. */
    private static final Pattern PARENT = Pattern.compile("(?<![\\w.])\\.\\.(?=[/\\\\]|$|[^\\w.])");

    private static final Pattern PATH_CHAR = Pattern.compile("[\\w.${}@+/\\\\-]");

    /** Every line of every text file under {@code root} that names a path outside it. */
    static List<String> outsideReferences(Path root) {
        Path top = root.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        for (Path file : files(top)) {
            List<String> lines = textLines(file);
            if (lines == null) continue;
            String name = top.relativize(file).toString();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = name + ":" + (i + 1) + ": ";
                Matcher m = MACHINE_PATH.matcher(line);
                if (m.find()) found.add(at + "an absolute path of one machine: " + m.group());
                Matcher n = NEIGHBOUR.matcher(line);
                if (n.find()) found.add(at + "the folder beside the repository: " + n.group());
                Matcher p = PARENT.matcher(line);
                int done = 0;
                while (p.find()) {
                    if (p.start() < done) continue; // a later .. of a token already judged
                    int[] span = pathAround(line, p.start(), p.end());
                    done = span[1];
                    String token = line.substring(span[0], span[1]);
                    Path resolved = resolve(top, file.getParent(), token);
                    if (resolved != null && !resolved.startsWith(top)) {
                        found.add(at + "climbs out of the repository: " + token);
                    }
                }
            }
        }
        return found;
    }

    /** The span of the path token that holds the {@code ..} at [start, end): path characters on both sides. */
    private static int[] pathAround(String line, int start, int end) {
        int a = start;
        while (a > 0 && PATH_CHAR.matcher(line.substring(a - 1, a)).matches()) a--;
        int b = end;
        while (b < line.length() && PATH_CHAR.matcher(line.substring(b, b + 1)).matches()) b++;
        return new int[] {a, b};
    }

    /**
     * Where a relative path points from the file that names it: Maven's {@code ${project.basedir}} is the pom's
     * folder and {@code ${maven.multiModuleProjectDirectory}} the root; anything else relative is taken from the
     * file's folder (the one reading a relative path from its own place cannot climb further than that).
     * Null for an absolute path, which {@link #MACHINE_PATH} judges.
     */
    private static Path resolve(Path root, Path dir, String token) {
        String t = token.replace('\\', '/');
        Path base = dir;
        for (String prefix : List.of("${project.basedir}", "${basedir}")) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
                base = dir;
            }
        }
        if (t.startsWith("${maven.multiModuleProjectDirectory}")) {
            t = t.substring("${maven.multiModuleProjectDirectory}".length());
            base = root;
        }
        if (t.startsWith("/")) {
            if (t.equals(token.replace('\\', '/'))) return null; // absolute
            t = t.substring(1);
        }
        return base.resolve(t).normalize();
    }

    /** Every relative link or image of {@code README.md} and {@code docs/**.md} that is not a file inside root. */
    static List<String> brokenLinks(Path root) {
        Path top = root.toAbsolutePath().normalize();
        List<Path> pages = new ArrayList<>();
        if (Files.isRegularFile(top.resolve("README.md"))) pages.add(top.resolve("README.md"));
        if (Files.isDirectory(top.resolve("docs"))) {
            for (Path f : files(top.resolve("docs"))) if (f.toString().endsWith(".md")) pages.add(f);
        }
        Parser parser = Parser.builder().build();
        List<String> found = new ArrayList<>();
        for (Path page : pages) {
            String name = top.relativize(page).toString();
            String text;
            try {
                text = Files.readString(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String target : links(parser.parse(text))) {
                String problem = problem(top, page.getParent(), target);
                if (problem != null) found.add(name + ": " + target + ": " + problem);
            }
        }
        return found;
    }

    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** Link and image destinations, reference-style included, and href/src of inline HTML; not code spans. */
    private static List<String> links(Node document) {
        List<String> out = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                out.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                out.add(image.getDestination());
                visitChildren(image);
            }

            @Override
            public void visit(HtmlInline html) {
                html(html.getLiteral());
            }

            @Override
            public void visit(HtmlBlock html) {
                html(html.getLiteral());
            }

            private void html(String literal) {
                Matcher m = HTML_LINK.matcher(literal);
                while (m.find()) out.add(m.group(1));
            }
        });
        return out;
    }

    /** Null when the link is fine: a URL, an anchor, or a file inside root (a leading / is the root, as GitHub). */
    private static String problem(Path root, Path dir, String target) {
        if (target.isEmpty() || target.startsWith("#") || SCHEME.matcher(target).find()) return null;
        String path = target.replaceFirst("[#?].*$", "");
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = (path.startsWith("/") ? root.resolve(path.substring(1)) : dir.resolve(path)).normalize();
        if (!resolved.startsWith(root)) return "points outside the repository";
        if (!Files.exists(resolved)) return "no such file";
        return null;
    }

    /** The files of a tree, without .git and what .gitignore leaves out (build outputs, IDE files). */
    private static List<Path> files(Path top) {
        List<String> ignored = ignorePatterns(top);
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    if (d.equals(top)) return FileVisitResult.CONTINUE;
                    if (d.getFileName().toString().equals(".git")) return FileVisitResult.SKIP_SUBTREE;
                    return ignoredName(ignored, top, d, true) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    // a worktree's .git is a file naming the main checkout's folder: git's, not the repository's
                    boolean git = f.getFileName().toString().equals(".git");
                    if (a.isRegularFile() && !git && !ignoredName(ignored, top, f, false)) out.add(f);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** The simple forms .gitignore uses here: {@code name/} (a folder anywhere), {@code /name/} (at the root),
     * {@code *.ext}, {@code name}. */
    private static List<String> ignorePatterns(Path top) {
        Path gitignore = top.resolve(".gitignore");
        if (!Files.isRegularFile(gitignore)) return List.of();
        try {
            return Files.readAllLines(gitignore).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ignoredName(List<String> patterns, Path top, Path p, boolean directory) {
        String name = p.getFileName().toString();
        boolean atRoot = p.getParent().equals(top);
        for (String pattern : patterns) {
            boolean dirOnly = pattern.endsWith("/");
            String q = dirOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
            boolean rooted = q.startsWith("/");
            if (rooted) q = q.substring(1);
            if (dirOnly && !directory) continue;
            if (rooted && !atRoot) continue;
            if (q.startsWith("*") ? name.endsWith(q.substring(1)) : name.equals(q)) return true;
        }
        return false;
    }

    /** The lines of a text file, or null for a binary one (a NUL byte). */
    private static List<String> textLines(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) if (b == 0) return null;
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
