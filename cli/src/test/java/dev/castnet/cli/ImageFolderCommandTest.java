package dev.castnet.cli;

import static dev.castnet.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.cli.CommandLineTest.Run;
import dev.castnet.dsl.model.Shape;
import dev.castnet.runtime.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data DIR} with a folder of images in class folders, written here with ImageIO. */
class ImageFolderCommandTest {
    @TempDir
    Path dir;

    private static final String[] SPEC = {
        "network Shapes {",
        "    input 8x8x1",
        "    dense 16; relu",
        "    dense 3; softmax",
        "    loss cross_entropy",
        "    optimizer adam lr=0.01",
        "    train { epochs 15; batch 8; validation 0.25; seed 1 }",
        "}"};

    private Path spec(String input) throws IOException {
        return Files.writeString(dir.resolve("shapes.nn"), String.join("\n", SPEC).replace("8x8x1", input));
    }

    /**
     * Three classes a small net tells apart: dark and light images of several sizes, colours and formats, and
     * vertical stripes. {@code perClass} images per class in each of train/ and test/, plus a stray text file.
     */
    private Path images(int train, int test) throws IOException {
        Path root = dir.resolve("imgs");
        Random random = new Random(11);
        for (String split : new String[] {"train", "test"}) {
            int n = split.equals("train") ? train : test;
            for (int i = 0; i < n; i++) {
                int dark = 10 + random.nextInt(50), light = 190 + random.nextInt(60);
                write(gray(8 + i % 3 * 4, 8, dark), "png", root.resolve(split + "/dark/" + i + ".png"));
                write(colour(6 + i, 12, light, light - 20, light), i % 2 == 0 ? "jpg" : "png",
                        root.resolve(split + "/light/" + i + (i % 2 == 0 ? ".jpg" : ".png")));
                write(stripes(8 * (1 + i % 2)), "png", root.resolve(split + "/stripes/" + i + ".png"));
            }
        }
        Files.writeString(root.resolve("train/dark/notes.txt"), "not an image");
        return root;
    }

    private static BufferedImage gray(int h, int w, int v) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) im.getRaster().setSample(x, y, 0, v);
        return im;
    }

    private static BufferedImage colour(int h, int w, int r, int g, int b) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) im.setRGB(x, y, r << 16 | g << 8 | b);
        return im;
    }

    /** Columns of width size/8 alternating black and white: at 8x8 they are one pixel wide. */
    private static BufferedImage stripes(int size) {
        BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) im.setRGB(x, y, (x / (size / 8)) % 2 == 0 ? 0 : 0xffffff);
        return im;
    }

    private static void write(BufferedImage im, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(im, format, file.toFile()), format);
    }

    private static double accuracy(String out, String label) {
        Matcher m = Pattern.compile(label + " ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainsOnAFolderOfImagesAndEvaluatesOnItsTestSplit() throws IOException {
        Path imgs = images(8, 3);
        Path out = dir.resolve("run");
        Run r = run("train", spec("8x8x1").toString(), "--data", imgs.toString(), "--out", out.toString(),
                "--progress", "none");
        assertEquals(0, r.code(), r.err() + r.out());
        String o = r.out();
        assertTrue(o.contains(imgs + ": 3 classes, labelled in sorted folder-name order: 0 dark, 1 light, 2 stripes"), o);
        assertTrue(o.contains("  imgs/train: 24 images (dark 8, light 8, stripes 8)"), o);
        assertTrue(o.contains("  imgs/test: 9 images (dark 3, light 3, stripes 3)"), o);
        assertTrue(o.contains("  skipped 1 file not ending in .png .jpg .jpeg .bmp .gif: " + imgs.resolve("train/dark/notes.txt")), o);
        assertTrue(o.contains("  reading 33 images as 8x8x1 (gray, bilinear resize, pixels in [0, 1])"), o);
        assertTrue(o.contains("training Shapes on imgs/train: 24 samples, 64 features"), o);
        assertTrue(accuracy(o, "test accuracy") >= 90, o);

        Run e = run("eval", out.resolve("model.ckpt").toString(), "--data", imgs.toString());
        assertEquals(0, e.code(), e.err() + e.out());
        assertTrue(e.out().contains("Shapes on imgs/test (9 samples)"), e.out());
        assertEquals(accuracy(o, "test accuracy"), accuracy(e.out(), "accuracy"), 1e-9, "eval sees what train tested");
    }

    @Test
    void colourInputsReadRgb() throws IOException {
        Path imgs = images(2, 1);
        Run r = run("train", spec("4x4x3").toString(), "--data", imgs.toString(), "--out", dir.resolve("rgb").toString(),
                "--epochs", "1", "--progress", "none");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("reading 9 images as 4x4x3 (RGB, bilinear resize, pixels in [0, 1])"), r.out());
        assertTrue(r.out().contains("training Shapes on imgs/train: 6 samples, 48 features"), r.out());
    }

    @Test
    void badFoldersAndFilesAreNamedWithoutAStackTrace() throws IOException {
        Path imgs = images(2, 1);
        Path nn = spec("8x8x1");

        Path broken = Files.writeString(imgs.resolve("train/light/broken.png"), "text, not a PNG");
        Run corrupt = run("train", nn.toString(), "--data", imgs.toString(), "--out", dir.resolve("a").toString());
        assertEquals(1, corrupt.code(), corrupt.out());
        assertTrue(corrupt.err().startsWith("castnet train: " + broken + ": not an image ImageIO can read"), corrupt.err());
        assertTrue(!corrupt.err().contains("\tat "), corrupt.err());
        Files.delete(broken);

        Path empty = Files.createDirectories(imgs.resolve("test/zebra"));
        Files.createDirectories(imgs.resolve("train/zebra"));
        Run noImages = run("train", nn.toString(), "--data", imgs.toString(), "--out", dir.resolve("b").toString());
        assertEquals(1, noImages.code(), noImages.out());
        assertTrue(noImages.err().contains(imgs.resolve("train/zebra") + ": a class folder without images"), noImages.err());
        Files.delete(empty);
        Files.delete(imgs.resolve("train/zebra"));

        Run vector = run("train", spec("64").toString(), "--data", imgs.toString(), "--out", dir.resolve("c").toString());
        assertEquals(1, vector.code(), vector.out());
        assertTrue(vector.err().startsWith("castnet: " + dir.resolve("shapes.nn") + ":1:9: network Shapes takes input 64,"
                + " a vector, but --data " + imgs + " is a folder of images, which are read at the input's size and"
                + " channels: declare it as input HxWxC (for example input 28x28x1"), vector.err());

        Path neither = Files.createDirectories(dir.resolve("neither"));
        Files.writeString(neither.resolve("readme.txt"), "no images here");
        Run wrong = run("train", nn.toString(), "--data", neither.toString(), "--out", dir.resolve("d").toString());
        assertEquals(1, wrong.code(), wrong.out());
        assertTrue(wrong.err().contains("a folder with neither IDX files"), wrong.err());
        assertTrue(wrong.err().contains("nor class subfolders of images"), wrong.err());
        assertTrue(Files.notExists(dir.resolve("d")), "no run folder for data that did not load");
    }

    @Test
    void theInputShapeSaysHowImagesAreRead() {
        assertEquals(new ImageShape(28, 28, 3), DataOption.imageShape(Shape.image(28, 28, 3)));
        // a sequence of T steps of F features reads a T x F gray image, one row per step (SPEC: input 28x28)
        assertEquals(new ImageShape(28, 20, 1), DataOption.imageShape(new Shape(new int[] {28, 20})));
        assertNull(DataOption.imageShape(Shape.vector(784)));
    }
}
