package dev.castnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment of the chapter on small sizes ({@link Lab.Scale#QUICK}): its claim must hold, and it must write
 * the figures and the data it names. A change to castnet that breaks a claim of the chapter fails here.
 */
class ExperimentsTest {
    private static Path dir;
    private static Lab lab;

    @BeforeAll
    static void lab() throws IOException {
        dir = Files.createTempDirectory("castnet-experiments");
        lab = new Lab(dir, Lab.Scale.QUICK, new PrintWriter(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static List<String> ids() {
        return Experiments.all().stream().map(Experiment::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void claimHoldsOnSmallSizes(String id) throws Exception {
        Experiment e = Experiments.select(List.of(id)).get(0);
        lab.begin(id);
        Outcome o = e.run(lab);
        assertTrue(o.holds(), id + " does not hold: " + o.headline() + "\n" + o.measured());
        assertFalse(o.measured().isEmpty(), id + " measured nothing");
        assertFalse(lab.figures().isEmpty(), id + " drew no figure");
        assertFalse(lab.data().isEmpty(), id + " wrote no data");
        for (Path png : lab.figures()) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png.toString());
            assertTrue(png.getFileName().toString().startsWith(id + "_"), png.toString());
        }
        for (Path csv : lab.data()) {
            List<String> lines = Files.readAllLines(csv);
            assertTrue(lines.size() >= 2, csv + " has no rows");
            int columns = lines.get(0).split(",", -1).length;
            assertTrue(columns >= 2, csv + " header: " + lines.get(0));
        }
    }

    @Test
    void runWritesResultsJsonAndReport(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        StringWriter progress = new StringWriter();
        Experiments.Run run = Experiments.run(Experiments.select(List.of("symmetry", "normalization")), out,
                Lab.Scale.QUICK, new PrintWriter(progress, true));
        assertEquals(2, run.size());
        String log = progress.toString();
        assertTrue(log.contains("[1/2] symmetry") && log.contains("[2/2] normalization"), log);

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        JsonArray list = json.getAsJsonArray("experiments");
        assertEquals(2, list.size());
        JsonObject first = list.get(0).getAsJsonObject();
        assertEquals("symmetry", first.get("id").getAsString());
        assertEquals(run.outcome("symmetry").holds(), first.get("holds").getAsBoolean());
        for (String key : new String[] {"section", "claim", "measured", "figures", "data"}) {
            assertTrue(first.has(key), "results.json lacks " + key);
        }
        for (var f : first.getAsJsonArray("figures")) assertTrue(Files.isRegularFile(out.resolve(f.getAsString())));
        for (var f : first.getAsJsonArray("data")) assertTrue(Files.isRegularFile(out.resolve(f.getAsString())));

        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## symmetry:") && report.contains("## normalization:"), report);
        assertTrue(report.contains("![normalization_contours_raw.png](normalization_contours_raw.png)"), report);
        assertTrue(report.contains("./castnet experiments --only normalization"), report);
    }

    @Test
    void normalizationSurfaceDataHasAGridOfLosses() throws Exception {
        lab.begin("normalization");
        new NormalizationExperiment().run(lab);
        List<String> surface = Files.readAllLines(dir.resolve("normalization_surface_raw.csv"));
        assertEquals("w1,w2,loss", surface.get(0));
        assertTrue(surface.size() > 100, "surface points: " + surface.size());
    }

    @Test
    void gradientExplosionSurfaceHasWBLossColumns() throws Exception {
        lab.begin("gradient_explosion");
        new GradientExplosionExperiment().run(lab);
        List<String> surface = Files.readAllLines(dir.resolve("gradient_explosion_surface.csv"));
        assertTrue(surface.get(0).startsWith("w,b,loss"), surface.get(0));
        assertTrue(surface.size() > 100, "surface points: " + surface.size());
    }

    @Test
    void csvCellsAreQuotedWhenTheyMustBe(@org.junit.jupiter.api.io.TempDir Path out) throws IOException {
        Lab l = new Lab(out, Lab.Scale.QUICK, new PrintWriter(OutputStream.nullOutputStream()));
        l.begin("x");
        try (Lab.Table t = l.csv("t", "name", "value")) {
            t.row("pca_whiten+augment, fitted on clean images", 0.5);
            t.row("say \"hi\"", Double.NaN);
        }
        assertEquals(List.of("name,value", "\"pca_whiten+augment, fitted on clean images\",0.500000",
                "\"say \"\"hi\"\"\","), Files.readAllLines(out.resolve("x_t.csv")));
    }

    @Test
    void selectNamesTheKnownExperiments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.select(List.of("batchnrom")));
        assertTrue(e.getMessage().contains("unknown experiment 'batchnrom'") && e.getMessage().contains("batchnorm"),
                e.getMessage());
        assertEquals(List.of("dropout", "symmetry"),
                Experiments.select(List.of("dropout", "symmetry", "dropout")).stream().map(Experiment::id).toList());
        assertEquals(13, Experiments.all().size());
        assertTrue(Experiments.pending().isEmpty());
    }
}
