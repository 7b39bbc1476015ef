package dev.castnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders written by the test with ImageIO, read back as a user's data would be. */
class ImageFolderTest {
    @TempDir
    Path dir;

    static final ImageShape GRAY_2X2 = new ImageShape(2, 2, 1);

    // ---- writing images ----

    /** A gray image (8-bit samples) of constant value {@code v}. */
    static BufferedImage gray(int h, int w, int v) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) im.getRaster().setSample(x, y, 0, v);
        return im;
    }

    /** An RGB image of constant colour {@code rgb} (0xRRGGBB). */
    static BufferedImage rgb(int h, int w, int rgb) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) im.setRGB(x, y, rgb);
        return im;
    }

    static Path write(BufferedImage im, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(im, format, file.toFile())) throw new IllegalStateException("no " + format + " writer");
        return file;
    }

    // ---- classes, labels, order, what is skipped ----

    @Test
    void classesAreTheSortedFolderNamesAndEachSampleCarriesItsFoldersLabel() throws IOException {
        // distinct gray values tell the samples apart after loading
        write(gray(2, 2, 10), "png", dir.resolve("dog/b.png"));
        write(gray(2, 2, 20), "png", dir.resolve("dog/a.PNG"));
        write(gray(2, 2, 30), "png", dir.resolve("dog/puppies/p.png"));
        write(gray(2, 2, 40), "png", dir.resolve("Cat/c.png"));
        write(gray(2, 2, 50), "png", dir.resolve("ant/x.png"));
        write(gray(2, 2, 60), "png", dir.resolve(".ipynb_checkpoints/x.png")); // hidden folder: not a class
        Files.writeString(dir.resolve("dog/.hidden.png"), "not read: hidden");
        Files.writeString(dir.resolve("dog/puppies/.DS_Store"), "not read: hidden");
        Files.writeString(dir.resolve("ant/notes.txt"), "a stray text file");
        Files.writeString(dir.resolve("README.md"), "outside the classes");

        ImageFolder folder = ImageFolder.scan(dir);
        assertEquals(List.of("Cat", "ant", "dog"), folder.classes(), "String order: upper case first, as sorted() in Python");
        assertArrayEquals(new int[] {1, 1, 3}, folder.trainCounts());
        assertNull(folder.testCounts());
        assertEquals(List.of(dir.resolve("ant/notes.txt")), folder.skipped());
        assertEquals(List.of(dir.resolve("README.md")), folder.unused());

        ImageFolder.Data data = folder.load(GRAY_2X2);
        assertNull(data.test());
        Dataset train = data.train();
        assertEquals(dir.getFileName().toString(), train.name());
        assertEquals(5, train.size());
        assertEquals(3, train.classes());
        assertEquals(GRAY_2X2, train.image());
        assertArrayEquals(new int[] {0, 1, 2, 2, 2}, train.labels());
        // by label, then folder, then name: Cat/c, ant/x, dog/a.PNG, dog/b, dog/puppies/p
        float[] first = new float[5];
        for (int i = 0; i < 5; i++) first[i] = train.x()[i * 4] * 255;
        assertArrayEquals(new float[] {40, 50, 20, 10, 30}, first, 1e-4f);

        String summary = folder.summary();
        assertTrue(summary.contains("3 classes, labelled in sorted folder-name order: 0 Cat, 1 ant, 2 dog"), summary);
        assertTrue(summary.contains(": 5 images (Cat 1, ant 1, dog 3), no test split"), summary);
        assertTrue(summary.contains("skipped 1 file not ending in .png .jpg .jpeg .bmp .gif: " + dir.resolve("ant/notes.txt")), summary);
        assertTrue(summary.contains("outside the class folders, not read: " + dir.resolve("README.md")), summary);

        assertEquals(train, ImageFolder.load(dir, GRAY_2X2).train(), "a second load gives the same samples in the same order");
    }

    @Test
    void theSummaryNamesThirtyClassesAndCountsTheRest() throws IOException {
        for (int c = 0; c < 32; c++) write(gray(1, 1, c), "png", dir.resolve(String.format("c%02d/x.png", c)));
        ImageFolder folder = ImageFolder.scan(dir);
        assertEquals(32, folder.classes().size());
        String summary = folder.summary();
        assertTrue(summary.contains(", 29 c29 and 2 more" + System.lineSeparator()), summary);
        assertTrue(summary.contains("c29 1 and 2 more classes), no test split"), summary);
    }

    @Test
    void trainAndTestFoldersGiveATestSplitWithTheSameLabels() throws IOException {
        for (String split : List.of("train", "test", "val")) {
            write(gray(3, 3, 0), "png", dir.resolve(split + "/no/0.png"));
            write(gray(3, 3, 255), "png", dir.resolve(split + "/yes/0.png"));
            write(gray(3, 3, 250), "png", dir.resolve(split + "/yes/1.png"));
        }
        ImageFolder folder = ImageFolder.scan(dir);
        assertEquals(List.of("no", "yes"), folder.classes());
        assertEquals(dir.resolve("test"), folder.testFolder(), "test/ is preferred to val/");
        assertEquals(List.of(dir.resolve("val")), folder.unused());
        ImageFolder.Data data = folder.load(new ImageShape(3, 3, 1));
        String base = dir.getFileName().toString();
        assertEquals(base + "/train", data.train().name());
        assertEquals(base + "/test", data.test().name());
        assertArrayEquals(new int[] {0, 1, 1}, data.test().labels());
        assertEquals(1f, data.test().x()[9]);

        // without test/, val/ is the test split
        deleteTree(dir.resolve("test"));
        assertEquals(dir.resolve("val"), ImageFolder.scan(dir).testFolder());

        // class folders that differ between the splits would give one label two meanings
        Files.move(dir.resolve("val/yes"), dir.resolve("val/maybe"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.scan(dir));
        assertTrue(e.getMessage().contains("[maybe, no] differ from the training split's [no, yes]"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("val").toString()), e.getMessage());
    }

    // ---- pixels: channels, layout, scaling ----

    @Test
    void grayPngKeepsItsExactValuesScaledToUnitRangeAsTheIdxReader() throws IOException {
        BufferedImage im = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        float[] want = new float[20];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                int v = (y * 5 + x) * 13 % 256;
                im.getRaster().setSample(x, y, 0, v);
                want[y * 5 + x] = v / 255f; // Idx.load's scaling
            }
        }
        write(im, "png", dir.resolve("c/g.png"));
        // ImageIO's getRGB would turn 128 into 188 (linear gray to sRGB); the samples are what the file holds
        assertArrayEquals(want, ImageFolder.load(dir, new ImageShape(4, 5, 1)).train().x());
    }

    @Test
    void sixteenBitAndOneBitGrayAreScaledByTheirOwnRange() throws IOException {
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 65535);
        deep.getRaster().setSample(1, 0, 0, 16384);
        write(deep, "png", dir.resolve("a/deep.png"));
        BufferedImage bits = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        bits.getRaster().setSample(1, 0, 0, 1);
        write(bits, "png", dir.resolve("b/bits.png"));
        float[] x = ImageFolder.load(dir, new ImageShape(1, 2, 1)).train().x();
        assertArrayEquals(new float[] {1f, 16384 / 65535f, 0f, 1f}, x, 1e-6f);
    }

    @Test
    void rgbIsStoredChannelsLastRowMajorAndGrayIsTheirLuminance() throws IOException {
        int[][] colours = {{0xff0000, 0x00ff00, 0x0000ff}, {0x102030, 0xffffff, 0x808080}};
        BufferedImage im = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) im.setRGB(x, y, colours[y][x]);
        write(im, "png", dir.resolve("c/rgb.png"));

        float[] rgb = ImageFolder.load(dir, new ImageShape(2, 3, 3)).train().x();
        float[] want = new float[18];
        float[] lum = new float[6];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int c = colours[y][x], r = c >> 16 & 0xff, g = c >> 8 & 0xff, b = c & 0xff;
                int o = (y * 3 + x) * 3; // HWC
                want[o] = r / 255f;
                want[o + 1] = g / 255f;
                want[o + 2] = b / 255f;
                lum[y * 3 + x] = (float) ((0.299 * r + 0.587 * g + 0.114 * b) / 255);
            }
        }
        assertArrayEquals(want, rgb);
        assertArrayEquals(lum, ImageFolder.load(dir, new ImageShape(2, 3, 1)).train().x(), 1e-6f);
        assertEquals(128 / 255f, ImageFolder.load(dir, new ImageShape(2, 3, 1)).train().x()[5], "R = G = B stays exact");
    }

    @Test
    void alphaIsDroppedUnlessFourChannelsAreAskedFor() throws IOException {
        BufferedImage im = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        im.setRGB(0, 0, 0x00336699); // fully transparent, colour kept
        write(im, "png", dir.resolve("c/a.png"));
        assertArrayEquals(new float[] {0x33 / 255f, 0x66 / 255f, 0x99 / 255f},
                ImageFolder.load(dir, new ImageShape(1, 1, 3)).train().x());
        assertArrayEquals(new float[] {0x33 / 255f, 0x66 / 255f, 0x99 / 255f, 0f},
                ImageFolder.load(dir, new ImageShape(1, 1, 4)).train().x());
    }

    @Test
    void grayGivesEveryColourChannelItsValue() throws IOException {
        write(gray(1, 2, 200), "png", dir.resolve("c/g.png"));
        float v = 200 / 255f;
        assertArrayEquals(new float[] {v, v, v, v, v, v}, ImageFolder.load(dir, new ImageShape(1, 2, 3)).train().x());
        assertArrayEquals(new float[] {v, v, v, 1, v, v, v, 1}, ImageFolder.load(dir, new ImageShape(1, 2, 4)).train().x());
    }

    @Test
    void jpegAndBmpDecodeToTheColourWritten() throws IOException {
        write(rgb(16, 16, 0x4080c0), "jpg", dir.resolve("a/photo.jpg"));
        write(rgb(16, 16, 0x4080c0), "bmp", dir.resolve("b/plain.BMP"));
        float[] x = ImageFolder.load(dir, new ImageShape(16, 16, 3)).train().x();
        float[] colour = {0x40 / 255f, 0x80 / 255f, 0xc0 / 255f};
        for (int i = 0; i < 16 * 16 * 3; i++) {
            assertEquals(colour[i % 3], x[i], 3 / 255f, "JPEG is lossy: within 3 levels at " + i);
            assertEquals(colour[i % 3], x[16 * 16 * 3 + i], "BMP is exact at " + i);
        }
    }

    // ---- resizing ----

    /** The values 0..14 of {@link #torchReference}: (i * i mod 7) / 7, a 3x5 single-channel image. */
    private static float[] ramp() {
        float[] x = new float[15];
        for (int i = 0; i < 15; i++) x[i] = (i * i % 7) / 7f;
        return x;
    }

    @Test
    void resizeMatchesPyTorchsBilinearInterpolation() {
        // torch.nn.functional.interpolate(x, size, mode="bilinear", align_corners=False) on ramp() (PyTorch 1.13)
        float[] down = new float[6];
        ImageDecoder.resizeBilinear(ramp(), 3, 5, 1, down, 0, 2, 3);
        assertArrayEquals(new float[] {0.14285715f, 0.42857143f, 0.32142857f, 0.32142860f, 0.42857143f, 0.14285715f},
                down, 1e-6f);
        float[] up = new float[20];
        ImageDecoder.resizeBilinear(ramp(), 3, 5, 1, up, 0, 5, 4);
        assertArrayEquals(new float[] {0.01785714f, 0.30357143f, 0.39285716f, 0.28571430f, 0.21785717f, 0.21785715f,
                0.27142859f, 0.37857145f, 0.51785713f, 0.08928573f, 0.08928573f, 0.51785713f, 0.37857145f, 0.27142861f,
                0.21785717f, 0.21785712f, 0.28571430f, 0.39285716f, 0.30357143f, 0.01785714f}, up, 1e-6f);
    }

    @Test
    void halvingAnImageAveragesEachTwoByTwoBlockPerChannel() throws IOException {
        // with half-pixel centres, output pixel i samples input 2i + 0.5: the mean of pixels 2i and 2i + 1
        BufferedImage im = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) im.setRGB(x, y, random.nextInt(1 << 24));
        write(im, "png", dir.resolve("c/big.png"));
        float[] x = ImageFolder.load(dir, new ImageShape(2, 3, 3)).train().x();
        for (int y = 0; y < 2; y++) {
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    int shift = 16 - 8 * k;
                    double sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) sum += im.getRGB(2 * i + dx, 2 * y + dy) >> shift & 0xff;
                    }
                    assertEquals(sum / 4 / 255, x[(y * 3 + i) * 3 + k], 1e-6, "pixel " + y + "," + i + " channel " + k);
                }
            }
        }
    }

    @Test
    void imagesOfDifferentSizesAllComeOutAtTheTargetShape() throws IOException {
        write(gray(5, 9, 100), "png", dir.resolve("a/wide.png"));
        write(rgb(30, 2, 0x646464), "png", dir.resolve("a/tall.png"));
        write(gray(1, 1, 100), "gif", dir.resolve("b/dot.gif"));
        Dataset d = ImageFolder.load(dir, new ImageShape(8, 8, 1)).train();
        assertEquals(3, d.size());
        assertEquals(64, d.features());
        // a constant image stays constant whatever the scale: no aspect ratio kept, nothing cropped or padded
        for (float v : d.x()) assertEquals(100 / 255f, v, 1e-6f);
    }

    @Test
    void theSameDataAsTheIdxFilesTheImagesCameFrom() throws IOException {
        // three 28x28 images in IDX, and the same pixels as PNG files in class folders 0, 1, 2
        byte[] pixels = new byte[3 * 28 * 28];
        new java.util.Random(3).nextBytes(pixels);
        Path images = Files.write(dir.resolve("images-idx3-ubyte"), IdxTest.idx(8, new int[] {3, 28, 28}, pixels));
        Path labels = Files.write(dir.resolve("labels-idx1-ubyte"), IdxTest.idx(8, new int[] {3}, new byte[] {0, 1, 2}));
        Dataset idx = Idx.load(images, labels, 3, "idx");
        for (int n = 0; n < 3; n++) {
            BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < 28 * 28; i++) im.getRaster().setSample(i % 28, i / 28, 0, pixels[n * 784 + i] & 0xff);
            write(im, "png", dir.resolve("png/" + n + "/img.png"));
        }
        Dataset png = ImageFolder.load(dir.resolve("png"), new ImageShape(28, 28, 1)).train();
        assertArrayEquals(idx.x(), png.x());
        assertArrayEquals(idx.labels(), png.labels());
    }

    // ---- errors name the file or folder ----

    @Test
    void aFileThatIsNotAnImageIsNamed() throws IOException {
        write(gray(2, 2, 0), "png", dir.resolve("a/ok.png"));
        Path bad = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("corrupt.png"), "this is text, not a PNG");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.load(dir, GRAY_2X2));
        assertEquals(bad + ": not an image ImageIO can read (it recognises PNG, JPEG, BMP and GIF by their first bytes;"
                + " this file starts with none of them)", e.getMessage());
    }

    @Test
    void truncatedPngAndJpegAreNamed() throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(5);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) noise.setRGB(x, y, random.nextInt(1 << 24));
        for (String format : List.of("png", "jpg")) {
            Path root = dir.resolve(format);
            write(gray(2, 2, 0), "png", root.resolve("a/ok.png"));
            Path file = write(noise, format, root.resolve("b/cut." + format));
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length * 9 / 10));
            DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.load(root, GRAY_2X2));
            assertTrue(e.getMessage().startsWith(file + ": damaged "), e.getMessage());
        }
    }

    @Test
    void anEmptyClassFolderIsAnErrorThatNamesIt() throws IOException {
        write(gray(2, 2, 0), "png", dir.resolve("a/ok.png"));
        Files.createDirectories(dir.resolve("b"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.scan(dir));
        assertEquals(dir.resolve("b") + ": a class folder without images (none ending in .png .jpg .jpeg .bmp .gif);"
                + " add images or remove the folder", e.getMessage());

        Files.writeString(dir.resolve("b/photo.webp"), "x");
        e = assertThrows(DataFormatException.class, () -> ImageFolder.scan(dir));
        assertTrue(e.getMessage().contains("; it holds " + dir.resolve("b/photo.webp")), e.getMessage());
    }

    @Test
    void aFolderWithoutClassFoldersOrWithAnOddChannelCountIsRefused() throws IOException {
        write(gray(2, 2, 0), "png", dir.resolve("loose.png"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.scan(dir));
        assertTrue(e.getMessage().startsWith(dir + ": no class folders;"), e.getMessage());

        write(gray(2, 2, 0), "png", dir.resolve("a/ok.png"));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.load(dir, new ImageShape(2, 2, 2)));
        assertTrue(c.getMessage().contains("1 (gray), 3 (RGB) or 4 (RGBA) channels, not 2"), c.getMessage());
    }

    // ---- through DataSets, as --data DIR ----

    @Test
    void dataSetsTellsImageFoldersFromIdxFoldersAndReportsWhatItFound() throws IOException {
        write(gray(4, 4, 0), "png", dir.resolve("imgs/train/a/0.png"));
        write(gray(4, 4, 9), "jpg", dir.resolve("imgs/train/b/0.jpg"));
        write(gray(4, 4, 0), "png", dir.resolve("imgs/test/a/0.png"));
        write(gray(4, 4, 9), "png", dir.resolve("imgs/test/b/0.png"));
        String imgs = dir.resolve("imgs").toString();
        assertTrue(DataSets.isImageFolder(imgs));
        List<String> notes = new ArrayList<>();
        DataSets.Loaded d = DataSets.load(imgs, new ImageShape(2, 2, 1), notes::add);
        assertEquals(2, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(4, d.train().features());
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith(imgs + ": 2 classes, labelled in sorted folder-name order: 0 a, 1 b"), notes.get(0));
        assertTrue(notes.get(0).contains("imgs/test: 2 images (a 1, b 1)"), notes.get(0));
        assertEquals("  reading 4 images as 2x2x1 (gray, bilinear resize, pixels in [0, 1])", notes.get(1));

        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class, () -> DataSets.load(imgs));
        assertTrue(vector.getMessage().contains("must then be an image: input HxWxC"), vector.getMessage());

        // IDX files decide, even next to subfolders
        Path idx = Files.createDirectories(dir.resolve("idx/extras"));
        byte[] px = new byte[2 * 2 * 2];
        for (String split : List.of("train", "t10k")) {
            Files.write(idx.getParent().resolve(split + "-images-idx3-ubyte"), IdxTest.idx(8, new int[] {2, 2, 2}, px));
            Files.write(idx.getParent().resolve(split + "-labels-idx1-ubyte"), IdxTest.idx(8, new int[] {2}, new byte[] {1, 0}));
        }
        assertTrue(!DataSets.isImageFolder(idx.getParent().toString()));
        assertEquals("idx/train", DataSets.load(idx.getParent().toString()).train().name());

        Path neither = Files.createDirectories(dir.resolve("neither"));
        Files.writeString(neither.resolve("notes.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSets.load(neither.toString(), GRAY_2X2, n -> {}));
        assertTrue(e.getMessage().startsWith("--data " + neither + ": a folder with neither IDX files"), e.getMessage());
        assertTrue(e.getMessage().contains("nor class subfolders of images"), e.getMessage());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
