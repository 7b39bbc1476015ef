package dev.castnet.cli;

import static dev.castnet.cli.CommandLineTest.root;
import static dev.castnet.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.InferenceNetwork;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving with {@code castnet-inference} alone (SPEC §1), as a user's project does it: the spec's classes from
 * {@code castnet generate}, a program that loads the trained checkpoint and the compressed int8 one through
 * {@code Predictor} (which applies the checkpoints' preprocessing), compiled against castnet-inference only and run
 * in a JVM whose class path holds nothing else. Its predictions on raw samples equal the training runtime's.
 */
class ServingTest {
    private static final String SERVE = String.join("\n",
            "package serve;",
            "",
            "import dev.castnet.runtime.serving.Predictor;",
            "import dev.castnet.samples.Digits;",
            "import dev.castnet.samples.DigitsInt8;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "",
            "public final class Serve {",
            "    public static void main(String[] args) throws Exception {",
            "        Predictor trained = Predictor.load(Path.of(args[0]), new Digits(1, 0));",
            "        Predictor compressed = Predictor.load(Path.of(args[1]), new DigitsInt8(1));",
            "        for (String line : Files.readAllLines(Path.of(args[2]))) {",
            "            String[] cells = line.split(\",\");",
            "            float[] raw = new float[cells.length];",
            "            for (int i = 0; i < raw.length; i++) raw[i] = Float.parseFloat(cells[i]);",
            "            System.out.println(trained.predict(raw, 0) + \" \" + compressed.predict(raw, 0));",
            "        }",
            "    }",
            "}",
            "");

    /** Where castnet-inference's classes are: the only thing the serving program may see. */
    private static Path inference() throws Exception {
        return Path.of(InferenceNetwork.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aProgramWithCastnetInferenceAlonePredictsAsTheTrainingRuntime(@TempDir Path dir) throws Exception {
        Path digits = root().resolve("samples/src/main/nn/digits.nn");
        Path run = dir.resolve("run");
        assertEquals(0, run("train", digits.toString(), "--epochs", "3", "--out", run.toString(), "--progress", "none")
                .code());
        Path compressed = dir.resolve("compressed");
        CommandLineTest.Run c = run("compress", run.resolve("model.ckpt").toString(), "--quantize", "int8",
                "--calibration", "300", "--out", compressed.toString());
        assertEquals(0, c.code(), c.err());

        // the user's project: generated sources and one program, compiled against castnet-inference only
        Path src = dir.resolve("src");
        assertEquals(0, run("generate", digits.toString(), "-d", src.toString()).code());
        Files.createDirectories(src.resolve("serve"));
        Files.writeString(src.resolve("serve/Serve.java"), SERVE);
        List<String> sources;
        try (Stream<Path> s = Files.walk(src)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Path classes = dir.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("-d", classes.toString(), "-cp", inference().toString(),
                "-proc:none", "--release", "17"));
        javac.addAll(sources);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new)),
                "the serving project compiles against castnet-inference alone");

        // 60 raw samples, as the data file holds them
        Dataset data = Digits.load();
        int n = 60;
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < data.features(); j++) {
                csv.append(j > 0 ? "," : "").append(data.x()[i * data.features() + j]);
            }
            csv.append('\n');
        }
        Path samples = dir.resolve("samples.csv");
        Files.writeString(samples, csv);

        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaCommand, "-cp", classes + File.pathSeparator + inference(), "serve.Serve",
                run.resolve("model.ckpt").toString(), compressed.resolve("model.ckpt").toString(), samples.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(n, lines.size(), out);

        // the training runtime's answers for the same raw samples
        var model = dev.castnet.dsl.SpecLoader.load(digits).networks().get(0);
        var variant = model.variants().get(0);
        TrainableNetwork net = NetworkCompiler.instantiate(NetworkCompiler.compile(model), variant, 1, 0);
        Checkpoint trained = Checkpoint.read(run.resolve("model.ckpt"));
        trained.restoreInto(net);
        Preprocessor pre = Preprocessing.restore(trained.preprocessKind(), trained.preprocessState());
        int agreeInt8 = 0;
        for (int i = 0; i < n; i++) {
            float[] row = java.util.Arrays.copyOfRange(data.x(), i * data.features(), (i + 1) * data.features());
            pre.apply(row, 1, row);
            String[] served = lines.get(i).split(" ");
            assertEquals(net.predict(row, 0), Integer.parseInt(served[0]), "sample " + i + ": float prediction");
            if (served[0].equals(served[1])) agreeInt8++;
        }
        assertTrue(agreeInt8 >= n * 9 / 10, agreeInt8 + " of " + n + " int8 predictions agree with float");
    }
}
