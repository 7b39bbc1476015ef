package dev.castnet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @NetworkSpec}: finding the file, and reporting its errors with their file:line:col. */
class SpecFileTest {
    @TempDir
    Path specDir;

    private Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new CastnetProcessor()).withOptions("-Acastnet.specdir=" + specDir)
                .compile(sources);
    }

    private void spec(String name, String... lines) throws IOException {
        Path file = specDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static JavaFileObject packageInfo(String annotation) {
        return JavaFileObjects.forSourceLines("dev.castnet.test.package-info",
                annotation,
                "package dev.castnet.test;",
                "import dev.castnet.annotations.NetworkSpec;");
    }

    private static final String[] MLP = {
        "package dev.castnet.test;",
        "network Mlp {",
        "    input 4",
        "    dense 8",
        "    relu",
        "    dense 3",
        "    softmax",
        "    loss cross_entropy",
        "    optimizer sgd",
        "}"
    };

    @Test
    void specUnderSpecDirCompilesWithoutWarnings() throws IOException {
        spec("mlp.nn", MLP);
        Compilation compilation = compile(packageInfo("@NetworkSpec(\"mlp.nn\")"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.Mlp");
    }

    @Test
    void specInThePackageFolderOfSpecDir() throws IOException {
        spec("dev/castnet/test/mlp.nn", MLP);
        Compilation compilation = compile(packageInfo("@NetworkSpec(\"mlp.nn\")"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.Mlp");
    }

    @Test
    void rootedNameSkipsThePackageFolder() throws IOException {
        spec("dev/castnet/test/mlp.nn", MLP);
        JavaFileObject src = packageInfo("@NetworkSpec(\"/mlp.nn\")");
        assertThat(compile(src)).hadErrorContaining("spec file '/mlp.nn' not found")
                .inFile(src).onLineContaining("@NetworkSpec");
        spec("mlp.nn", MLP);
        assertThat(compile(packageInfo("@NetworkSpec(\"/mlp.nn\")"))).succeededWithoutWarnings();
    }

    @Test
    void specOnATypeAndFromTheClassPath() {
        // processor/src/test/resources/dev/castnet/fixtures/onclasspath.nn, on the test class path
        JavaFileObject holder = JavaFileObjects.forSourceLines("dev.castnet.fixtures.Holder",
                "package dev.castnet.fixtures;",
                "@dev.castnet.annotations.NetworkSpec(\"onclasspath.nn\")",
                "final class Holder {}");
        Compilation compilation = javac().withProcessors(new CastnetProcessor()).compile(holder);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.fixtures.OnClassPath");
    }

    @Test
    void specOnTheSourcePath() throws IOException {
        Path sources = specDir.resolve("src");
        Files.createDirectories(sources.resolve("dev/castnet/test"));
        Files.writeString(sources.resolve("dev/castnet/test/mlp.nn"), String.join("\n", MLP));
        Compilation compilation = javac().withProcessors(new CastnetProcessor())
                .withOptions("-sourcepath", sources.toString())
                .compile(packageInfo("@NetworkSpec(\"mlp.nn\")"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.Mlp");
    }

    @Test
    void missingSpecFile() {
        JavaFileObject src = packageInfo("@NetworkSpec(\"missing.nn\")");
        assertThat(compile(src)).hadErrorContaining("spec file 'missing.nn' not found; looked in source path, "
                        + "class path, class output, castnet.specdir " + specDir)
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void missingSpecFileWithoutSpecDir() {
        JavaFileObject src = packageInfo("@NetworkSpec(\"missing.nn\")");
        assertThat(javac().withProcessors(new CastnetProcessor()).compile(src))
                .hadErrorContaining("spec file 'missing.nn' not found; looked in source path, class path, "
                        + "class output, no -Acastnet.specdir given")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void invalidSpecDirOption() {
        Compilation compilation = javac().withProcessors(new CastnetProcessor())
                .withOptions("-Acastnet.specdir=bad\0dir").compile(packageInfo("@NetworkSpec(\"mlp.nn\")"));
        assertThat(compilation).hadErrorContaining("-Acastnet.specdir=bad\0dir is not a valid folder");
    }

    @Test
    void emptySpecName() {
        JavaFileObject src = packageInfo("@NetworkSpec(\" \")");
        assertThat(compile(src)).hadErrorContaining("@NetworkSpec needs a file name such as \"mlp.nn\"")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void oneErrorPerMissingFileOfSeveral() throws IOException {
        spec("mlp.nn", MLP);
        JavaFileObject src = JavaFileObjects.forSourceLines("dev.castnet.test.package-info",
                "@NetworkSpec({",
                "    \"mlp.nn\",",
                "    \"other.nn\"})",
                "package dev.castnet.test;",
                "import dev.castnet.annotations.NetworkSpec;");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("spec file 'other.nn' not found")
                .inFile(src).onLineContaining("\"other.nn\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void syntaxErrorInSpecFileNamesItsPosition() throws IOException {
        spec("ErroneousSyntax.nn",
                "package dev.castnet.test;",
                "network Bad {",
                "    input 4",
                "    dense = 8",
                "    softmax",
                "}");
        JavaFileObject src = packageInfo("@NetworkSpec(\"ErroneousSyntax.nn\")");
        assertThat(compile(src)).hadErrorContaining("ErroneousSyntax.nn:4:11: ")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void unknownWordInSpecFileSuggestsTheNearest() throws IOException {
        spec("ErroneousWord.nn",
                "package dev.castnet.test;",
                "network Bad {",
                "    input 4",
                "    dens 8",
                "    softmax",
                "}");
        JavaFileObject src = packageInfo("@NetworkSpec(\"ErroneousWord.nn\")");
        assertThat(compile(src)).hadErrorContaining("ErroneousWord.nn:4:5: unknown layer 'dens'; did you mean 'dense'?")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void validationErrorsInSpecFileAreAllReported() throws IOException {
        spec("ErroneousRanges.nn",
                "package dev.castnet.test;",
                "network Bad {",
                "    input 4",
                "    dense 8",
                "    dropout 1.5",
                "    dense 2",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd lr=-1",
                "}");
        JavaFileObject src = packageInfo("@NetworkSpec(\"ErroneousRanges.nn\")");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("ErroneousRanges.nn:5:13: dropout probability must be in [0, 1), got 1.5")
                .inFile(src).onLineContaining("@NetworkSpec");
        assertThat(compilation).hadErrorContaining("ErroneousRanges.nn:9:")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void warningInSpecFileIsAWarningWithItsPosition() throws IOException {
        spec("unused.nn",
                "package dev.castnet.test;",
                "network Unused {",
                "    param hidden = 8",
                "    input 4",
                "    dense 2",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd",
                "}");
        JavaFileObject src = packageInfo("@NetworkSpec(\"unused.nn\")");
        Compilation compilation = compile(src);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("unused.nn:3:5: param 'hidden' is never used")
                .inFile(src).onLineContaining("@NetworkSpec");
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).generatedSourceFile("dev.castnet.test.Unused");
    }

    @Test
    void specWithoutPackageGeneratesIntoTheAnnotatedPackage() throws IOException {
        spec("nopackage.nn",
                "network NoPackage {",
                "    input 4",
                "    dense 2",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd",
                "}");
        Compilation compilation = compile(packageInfo("@NetworkSpec(\"nopackage.nn\")"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.NoPackage");
    }

    @Test
    void specWithoutNetworks() throws IOException {
        spec("ErroneousEmpty.nn",
                "// nothing yet",
                "package dev.castnet.test;");
        JavaFileObject src = packageInfo("@NetworkSpec(\"ErroneousEmpty.nn\")");
        assertThat(compile(src)).hadErrorContaining("spec file 'ErroneousEmpty.nn' declares no network")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void networkNamedLikeAnExistingClass() throws IOException {
        spec("mlp.nn", MLP);
        JavaFileObject src = JavaFileObjects.forSourceLines("dev.castnet.test.Mlp",
                "package dev.castnet.test;",
                "@dev.castnet.annotations.NetworkSpec(\"mlp.nn\")",
                "final class Mlp {}");
        assertThat(compile(src)).hadErrorContaining("class dev.castnet.test.Mlp would be generated from mlp.nn on "
                        + "dev.castnet.test.Mlp, but package dev.castnet.test already has a type Mlp; rename the network "
                        + "or the type")
                .inFile(src).onLineContaining("@dev.castnet.annotations.NetworkSpec(\"mlp.nn\")");
    }

    @Test
    void networkNamedLikeAnExistingClassButForCase() throws IOException {
        spec("mlp.nn", MLP);
        JavaFileObject holder = JavaFileObjects.forSourceLines("dev.castnet.test.Holder",
                "package dev.castnet.test;",
                "@dev.castnet.annotations.NetworkSpec(\"mlp.nn\") final class Holder {}");
        JavaFileObject other = JavaFileObjects.forSourceLines("dev.castnet.test.MLP",
                "package dev.castnet.test;",
                "final class MLP {}");
        assertThat(compile(holder, other)).hadErrorContaining("class dev.castnet.test.Mlp would be generated from "
                        + "mlp.nn on dev.castnet.test.Holder, but package dev.castnet.test already has a type MLP")
                .inFile(holder).onLineContaining("final class Holder");
    }

    @Test
    void networksOfTwoFilesWhoseClassesDifferOnlyInCase() throws IOException {
        spec("mlp.nn", MLP);
        spec("shouting.nn", String.join("\n", MLP).replace("network Mlp", "network MLP").split("\n"));
        JavaFileObject src = JavaFileObjects.forSourceLines("dev.castnet.test.package-info",
                "@NetworkSpec({\"mlp.nn\", \"shouting.nn\"})",
                "package dev.castnet.test;",
                "import dev.castnet.annotations.NetworkSpec;");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorContaining("class dev.castnet.test.Mlp (from mlp.nn on dev.castnet.test) and "
                + "class dev.castnet.test.MLP (from shouting.nn on dev.castnet.test) differ only in case");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void networksNamedLikeTypesTheGeneratedCodeUses() throws IOException {
        // the generated code names the runtime's and the JDK's types so that a network may take their names
        String body = " {\n input 4\n dense 3\n softmax\n loss cross_entropy\n optimizer adam\n}\n";
        StringBuilder imported = new StringBuilder("package dev.castnet.test;\n");
        for (String n : new String[] {"TrainableNetwork", "Parameters", "TensorTable", "Rng", "DenseLayer",
                "DenseKernels", "Initializers", "DenseLayerView", "Arrays", "Generated"}) {
            imported.append("network ").append(n).append(body);
        }
        spec("imported.nn", imported.toString().split("\n"));
        StringBuilder files = new StringBuilder("\"imported.nn\"");
        // a class named like a java.lang type shadows it for every class of its package, so each gets its own
        for (String n : new String[] {"Object", "String", "Float", "Double", "Integer", "System", "Math", "Override"}) {
            String lower = "as" + n.toLowerCase(java.util.Locale.ROOT);
            spec(lower + ".nn", ("package dev.castnet.test." + lower + ";\nnetwork " + n + body).split("\n"));
            files.append(", \"").append(lower).append(".nn\"");
        }
        Compilation compilation = compile(packageInfo("@NetworkSpec({" + files + "})"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("dev.castnet.test.TrainableNetwork");
        assertThat(compilation).generatedSourceFile("dev.castnet.test.asobject.Object");
    }

    @Test
    void malformedBytesAreReportedWithTheirPosition() throws IOException {
        spec("mlp.nn", MLP);
        byte[] text = Files.readAllBytes(specDir.resolve("mlp.nn"));
        byte[] bad = new byte[text.length + 1];
        int at = new String(text, java.nio.charset.StandardCharsets.UTF_8).indexOf("dense 8");
        System.arraycopy(text, 0, bad, 0, at);
        bad[at] = (byte) 0xff; // never valid in UTF-8
        System.arraycopy(text, at, bad, at + 1, text.length - at);
        Files.write(specDir.resolve("ErroneousBytes.nn"), bad);
        JavaFileObject src = packageInfo("@NetworkSpec(\"ErroneousBytes.nn\")");
        assertThat(compile(src)).hadErrorContaining("ErroneousBytes.nn:4:5: ")
                .inFile(src).onLineContaining("@NetworkSpec");
    }

    @Test
    void sameNetworkTwiceIsOneClash() throws IOException {
        spec("mlp.nn", MLP);
        JavaFileObject first = JavaFileObjects.forSourceLines("dev.castnet.test.First",
                "package dev.castnet.test;",
                "@dev.castnet.annotations.NetworkSpec(\"mlp.nn\") final class First {}");
        JavaFileObject second = JavaFileObjects.forSourceLines("dev.castnet.test.ErroneousSecond",
                "package dev.castnet.test;",
                "@dev.castnet.annotations.NetworkSpec(\"mlp.nn\") final class ErroneousSecond {}");
        Compilation compilation = compile(first, second);
        assertThat(compilation).hadErrorContaining("class dev.castnet.test.Mlp is generated twice (from mlp.nn on dev.castnet.test.First and mlp.nn on dev.castnet.test.ErroneousSecond)")
                .inFile(second).onLineContaining("final class ErroneousSecond");
        assertThat(compilation).hadErrorCount(1);
    }
}
