package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository stands alone: a clone on its own builds, tests and reads. Nothing names a path outside it, and
 * the links of its README and {@code docs/} lead to its own files. The checks run on the repository, and on a
 * folder of planted mistakes so that they are known to catch them.
 */
class StandAloneTest {
    // planted paths are put together at run time, so that this file does not hold what it looks for
    private static final String NEIGHBOUR = ".." + "/shared";
    private static final String MACHINE = "/" + "work/shared/golden";
    private static final String HOME = "/" + "home/";
    private static final String DRIVE = "C:" + "\\\\Users\\\\"; // as a Java source spells it
    private static final String ROOT = "${maven.multiModuleProjectDirectory}";

    @Test
    void noFileRefersToAPathOutsideTheRepository() {
        List<String> found = StandAlone.outsideReferences(CommandLineTest.root());
        assertEquals(List.of(), found, "files that refer outside the repository");
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() {
        List<String> found = StandAlone.brokenLinks(CommandLineTest.root());
        assertEquals(List.of(), found, "broken links");
    }

    @Test
    void outsideReferencesAreFound(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve(".gitignore"), "target/\n*.class\n/out/\n");
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "fine: tools/golden/cases, ./castnet, /usr/share/datasets/fashion-mnist, zoom=0.9..1.1",
                "see " + NEIGHBOUR + "/SPEC.md",
                "cases in " + MACHINE,
                "a sibling: ../elsewhere/file.txt",
                "https://example.org" + MACHINE + " is a URL, not a path"));
        Files.writeString(root.resolve("a/b/pom.xml"), String.join("\n",
                "<directory>${project.basedir}/../../tools</directory>",
                "<directory>${project.basedir}/../../../tools</directory>",
                "<castnet.root>" + ROOT + "/" + "..</castnet.root>"));
        Files.writeString(root.resolve("a/Code.java"), String.join("\n",
                "Path up = Path.of(\"../README.md\");",
                "Path home = Path.of(\"" + HOME + "someone/data\");",
                "Path win = Path.of(\"" + DRIVE + "someone\");"));
        Files.writeString(root.resolve("target/Built.java"), "Path p = Path.of(\"" + MACHINE + "\");");
        Files.write(root.resolve("a/data.bin"), new byte[] {0, '/', 'h', 'o', 'm', 'e', '/', 0});

        List<String> found = StandAlone.outsideReferences(root);
        assertEquals(List.of(
                "README.md:2: the folder beside the repository: " + NEIGHBOUR,
                "README.md:2: climbs out of the repository: " + NEIGHBOUR + "/SPEC.md",
                "README.md:3: an absolute path of one machine: " + MACHINE.substring(0, 6),
                "README.md:4: climbs out of the repository: ../elsewhere/file.txt",
                "a/Code.java:2: an absolute path of one machine: " + HOME,
                "a/Code.java:3: an absolute path of one machine: " + DRIVE,
                "a/b/pom.xml:2: climbs out of the repository: ${project.basedir}/../../../tools",
                "a/b/pom.xml:3: climbs out of the repository: " + ROOT + "/" + ".."),
                found);
    }

    @Test
    void brokenLinksAreFound(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs/guide"));
        Files.writeString(root.resolve("LICENSE"), "");
        Files.writeString(root.resolve("docs/language.md"), "# Language\n");
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "[language](docs/language.md#layers), [licence](LICENSE), [web](https://example.org/x.md),",
                "[anchor](#top), [root-relative](/docs/language.md), [folder](docs/guide)",
                "[missing](docs/missing.md) and ![plot](docs/loss.png)",
                "[spec](" + NEIGHBOUR + "/SPEC.md)",
                "`[not a link](docs/nothing.md)` in code",
                "",
                "    [indented code](docs/nothing.md)",
                "",
                "[ref]: docs/gone.md",
                "[uses ref][ref]",
                "<img src=\"docs/figure.svg\">"));
        Files.writeString(root.resolve("docs/guide/cli.md"), String.join("\n",
                "[up](../language.md), [readme](../../README.md), [out](../../../outside.md)"));

        List<String> found = StandAlone.brokenLinks(root);
        assertEquals(List.of(
                "README.md: docs/missing.md: no such file",
                "README.md: docs/loss.png: no such file",
                "README.md: " + NEIGHBOUR + "/SPEC.md: points outside the repository",
                "README.md: docs/gone.md: no such file",
                "README.md: docs/figure.svg: no such file",
                "docs/guide/cli.md: ../../../outside.md: points outside the repository"),
                found);
        assertTrue(StandAlone.brokenLinks(root.resolve("docs/guide")).isEmpty(), "no README, no docs: nothing");
    }
}
