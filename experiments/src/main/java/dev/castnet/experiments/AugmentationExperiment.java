package dev.castnet.experiments;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.augment.AugmentOptions;
import dev.castnet.runtime.augment.Augmenter;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Data augmentation: the generated {@code FashionSmall} (augmentation.nn, 784-256-10) trained on 1000 Fashion-MNIST
 * images with and without the runtime's augmentation, from the same seed, scored on the test images.
 */
final class AugmentationExperiment implements Experiment {
    static final int TRAINING_IMAGES = 1000;
    static final AugmentOptions AUGMENT = AugmentOptions.parse("flip=horizontal shift=1");

    @Override
    public String id() {
        return "augmentation";
    }

    @Override
    public String section() {
        return "data augmentation";
    }

    @Override
    public String title() {
        return "Augmentation keeps a small training set from being memorized";
    }

    @Override
    public String claim() {
        return "Trained on " + TRAINING_IMAGES + " Fashion-MNIST images, the same MLP memorizes its training set less"
                + " with random horizontal flips and one-pixel shifts (the gap between training and test accuracy at"
                + " least a quarter narrower) and scores at least as well on the test set (within half a point).";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        FashionMnist.Data data = lab.fashion();
        Dataset train = Runs.disjoint(data.train(), TRAINING_IMAGES, 0, 1).train();
        // the curves on 2000 test images (every epoch), the final figures on the whole test set
        Dataset curve = Runs.disjoint(data.test(), 2000, 0, 2).train();
        Dataset test = lab.quick() ? curve : data.test();
        // augmented training converges later: fewer epochs would compare it unfinished
        int epochs = lab.size(120, 60);
        Trainer plainTrainer = trainer(AugmentOptions.none(), epochs);
        TrainResult plain = plainTrainer.fit(train, curve);
        Trainer augmentedTrainer = trainer(AUGMENT, epochs);
        TrainResult augmented = augmentedTrainer.fit(train, curve);
        double accPlain = m.put("test_accuracy_plain", Runs.r4(plainTrainer.evaluate(test).accuracy()));
        double accAug = m.put("test_accuracy_augmented", Runs.r4(augmentedTrainer.evaluate(test).accuracy()));

        double[] trainPlain = Runs.trainAccuracy(plain.history()), testPlain = Runs.valAccuracy(plain.history());
        double[] trainAug = Runs.trainAccuracy(augmented.history()), testAug = Runs.valAccuracy(augmented.history());
        try (Lab.Table csv = lab.csv("accuracy", "epoch", "train_accuracy_plain", "test_accuracy_plain",
                "train_accuracy_augmented", "test_accuracy_augmented")) {
            for (int e = 0; e < epochs; e++) csv.row(e + 1, trainPlain[e], testPlain[e], trainAug[e], testAug[e]);
        }
        XYChart c = Charts.xy(TRAINING_IMAGES + " Fashion-MNIST training images, with and without augmentation", "epoch",
                "accuracy (test: 2000 test images)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        double[] x = Charts.counting(epochs);
        Charts.line(c, "training, plain", x, trainPlain, 0);
        Charts.line(c, "test, plain", x, testPlain, 0).setLineStyle(BatchNormExperiment.dashed());
        Charts.line(c, "training, augmented", x, trainAug, 1);
        Charts.line(c, "test, augmented", x, testAug, 1).setLineStyle(BatchNormExperiment.dashed());
        lab.figure(c, "accuracy");
        drawExamples(lab, train);

        m.put("final_train_accuracy_plain", Runs.r4(Runs.last(trainPlain)));
        m.put("final_train_accuracy_augmented", Runs.r4(Runs.last(trainAug)));
        m.put("training_images", train.size());
        m.put("test_images", test.size());
        m.put("epochs", epochs);
        m.put("augment", AUGMENT.toString());
        double gapPlain = m.put("train_test_gap_plain", Runs.r4(Runs.last(trainPlain) - accPlain));
        double gapAug = m.put("train_test_gap_augmented", Runs.r4(Runs.last(trainAug) - accAug));
        boolean holds = gapAug <= 0.75 * gapPlain && accAug >= accPlain - 0.005;
        String headline = String.format(Locale.ROOT, "test accuracy %.1f%% with augmentation, %.1f%% without; training"
                + " minus test accuracy %.1f points with, %.1f without", 100 * accAug, 100 * accPlain, 100 * gapAug,
                100 * gapPlain);
        String discussion = String.format(Locale.ROOT, """
                Without augmentation the network learns its %d images by heart (training accuracy %.1f%%); with a \
                fresh random flip and shift of every image in every epoch it sees a different training set each \
                time and fits it less closely (%.1f%%, measured on the augmented images it trains on). For this MLP \
                the gain in test accuracy is small (%+.1f points): a dense layer has no notion of neighbouring pixels, \
                so a shifted or mirrored image is a new input vector to it rather than the same pattern elsewhere, and \
                augmentation mostly acts as a regularizer. The chapter's larger gains come with convolutional networks, \
                whose weights are shared across positions. The figure below shows eight training images (left column) \
                and four random augmentations of each.""", TRAINING_IMAGES, 100 * Runs.last(trainPlain),
                100 * Runs.last(trainAug), 100 * (accAug - accPlain));
        return m.outcome(holds, headline, discussion);
    }

    private static Trainer trainer(AugmentOptions augment, int epochs) {
        TrainOptions o = Runs.quiet().epochs(epochs).batch(64).seed(42).preprocess(PreprocessSpec.minmax(0, 1))
                .augment(augment);
        return new Trainer(new FashionSmall(64, 42L), o);
    }

    /** Eight training images and four augmentations of each, as a grid of 3x enlarged pixels. */
    private static void drawExamples(Lab lab, Dataset train) throws IOException {
        int rows = 8, cols = 5, side = 28, zoom = 3, gap = 4;
        Augmenter aug = new Augmenter(train.image(), AUGMENT);
        Rng rng = new Rng(9);
        BufferedImage img = new BufferedImage(cols * (side * zoom + gap) + gap, rows * (side * zoom + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        float[] out = new float[side * side];
        try (Lab.Table csv = lab.csv("examples", "image", "variant", "pixels")) {
            for (int r = 0; r < rows; r++) {
                int row = r * (train.size() / rows);
                for (int c = 0; c < cols; c++) {
                    if (c == 0) System.arraycopy(train.x(), row * side * side, out, 0, side * side);
                    else aug.apply(train.x(), row * side * side, out, 0, rng);
                    StringBuilder pixels = new StringBuilder();
                    for (int p = 0; p < side * side; p++) {
                        int v = (int) Math.max(0, Math.min(255, out[p]));
                        pixels.append(p > 0 ? " " : "").append(v);
                        int gray = 255 - v;
                        g.setColor(new java.awt.Color(gray, gray, gray));
                        g.fillRect(gap + c * (side * zoom + gap) + (p % side) * zoom,
                                gap + r * (side * zoom + gap) + (p / side) * zoom, zoom, zoom);
                    }
                    csv.row(row, c == 0 ? "original" : "augmented " + c, pixels.toString());
                }
            }
        }
        g.dispose();
        ImageIO.write(img, "png", lab.figureFile("examples").toFile());
    }
}
