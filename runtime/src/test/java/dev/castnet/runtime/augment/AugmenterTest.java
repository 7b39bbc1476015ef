package dev.castnet.runtime.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.ImageShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private final Augmenter three = new Augmenter(new ImageShape(3, 3, 1), AugmentOptions.none());

    private float[] transform(double degrees, double zoom, int dx, int dy, boolean flipH, boolean flipV) {
        float[] out = new float[9];
        three.transform(IMAGE, 0, out, 0, degrees, zoom, dx, dy, flipH, flipV);
        return out;
    }

    @Test
    void ninetyDegreesCounterClockwiseIsNumpyRot90() {
        // np.rot90([[1,2,3],[4,5,6],[7,8,9]])
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, transform(90, 1, 0, 0, false, false), 1e-6f);
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, transform(-90, 1, 0, 0, false, false), 1e-6f);
        assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, transform(180, 1, 0, 0, false, false), 1e-6f);
    }

    @Test
    void fortyFiveDegreesInterpolatesBilinearly() {
        float[] out = transform(45, 1, 0, 0, false, false);
        assertEquals(5f, out[4], 1e-6f); // the center stays
        // counter-clockwise, the top-middle pixel comes from the upper right: (r, c) = (1 − s, 1 + s), s = sin 45°,
        // between pixels 2, 3, 5 and 6
        double s = Math.sqrt(0.5), fr = 1 - s, fc = s;
        double expected = (1 - fr) * (1 - fc) * 2 + (1 - fr) * fc * 3 + fr * (1 - fc) * 5 + fr * fc * 6;
        assertEquals(expected, out[1], 1e-5);
    }

    @Test
    void flips() {
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, transform(0, 1, 0, 0, true, false));
        assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, transform(0, 1, 0, 0, false, true));
    }

    @Test
    void shiftMovesRightAndDownWithZeroFill() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, transform(0, 1, 1, 1, false, false));
        assertArrayEquals(new float[] {3, 0, 0, 6, 0, 0, 9, 0, 0}, transform(0, 1, -2, 0, false, false));
    }

    @Test
    void zoomTwoEnlargesAboutTheCenter() {
        float[] out = transform(0, 2, 0, 0, false, false);
        // corners sample half-way to the center: (0.5, 0.5) → mean of 1, 2, 4, 5
        assertEquals(3f, out[0], 1e-6f);
        assertEquals(5f, out[4], 1e-6f);
    }

    @Test
    void channelsMoveTogether() {
        Augmenter rgb = new Augmenter(new ImageShape(1, 2, 3), AugmentOptions.none());
        float[] out = new float[6];
        rgb.transform(new float[] {1, 2, 3, 4, 5, 6}, 0, out, 0, 0, 1, 0, 0, true, false);
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, out);
    }

    @Test
    void drawsAreDeterminedBySeed() {
        AugmentOptions opts = AugmentOptions.parse("rotate=15 flip=both zoom=0.9..1.1 shift=1 noise=0.1");
        Augmenter a = new Augmenter(new ImageShape(3, 3, 1), opts);
        float[] batch = new float[18];
        for (int i = 0; i < 18; i++) batch[i] = i;
        float[] x = new float[18], y = new float[18], z = new float[18];
        a.applyBatch(batch, 2, x, new Rng(9));
        a.applyBatch(batch, 2, y, new Rng(9));
        a.applyBatch(batch, 2, z, new Rng(10));
        assertArrayEquals(x, y);
        assertFalse(Arrays.equals(x, z));
        // the two samples get different transforms from one generator
        assertFalse(Arrays.equals(Arrays.copyOfRange(x, 0, 9), Arrays.copyOfRange(x, 9, 18)));
    }

    @Test
    void parseRejectsUnknownOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AugmentOptions.parse("spin=3"));
        assertEquals("unknown augment option 'spin'; expected rotate, flip, zoom, shift or noise", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AugmentOptions.parse("flip=diagonal"));
        assertEquals("flip must be horizontal, vertical, both or none, got 'diagonal'", e.getMessage());
    }
}
