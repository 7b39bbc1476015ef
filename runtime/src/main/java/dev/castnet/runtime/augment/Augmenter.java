package dev.castnet.runtime.augment;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.ImageShape;

/**
 * Applies {@link AugmentOptions} to images stored row-major as height × width × channels. Geometry (flip,
 * rotation, zoom, shift) is one inverse mapping per output pixel, sampled bilinearly with zero outside the
 * image; noise is added last. Writes into caller-provided buffers and allocates nothing.
 */
public final class Augmenter {
    private final ImageShape shape;
    private final AugmentOptions options;
    private final double cy;
    private final double cx;

    /**
     * An augmenter for images of one shape.
     *
     * @param shape the images' height, width and channels
     * @param options what to draw
     */
    public Augmenter(ImageShape shape, AugmentOptions options) {
        this.shape = shape;
        this.options = options;
        cy = (shape.height() - 1) / 2.0;
        cx = (shape.width() - 1) / 2.0;
    }

    /** {@return the images' shape} */
    public ImageShape shape() {
        return shape;
    }

    /** {@return the options} */
    public AugmentOptions options() {
        return options;
    }

    /**
     * Augments {@code n} images {@code src[n][h·w·c]} into {@code dst} (not the same array), drawing from {@code rng}.
     *
     * @param src the images
     * @param n how many
     * @param dst receives the augmented images
     * @param rng the generator the random transforms are drawn from
     */
    public void applyBatch(float[] src, int n, float[] dst, Rng rng) {
        int size = shape.size();
        for (int i = 0; i < n; i++) apply(src, i * size, dst, i * size, rng);
    }

    /**
     * Augments one image, drawing its random transform from {@code rng}.
     *
     * @param src the array holding the image
     * @param srcOffset where it starts
     * @param dst receives the augmented image (not the same array)
     * @param dstOffset where it starts in {@code dst}
     * @param rng the generator the random transform is drawn from
     */
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset, Rng rng) {
        double r = options.rotateDegrees();
        double degrees = r > 0 ? (2 * rng.nextDouble() - 1) * r : 0;
        AugmentOptions.Flip f = options.flip();
        boolean flipH = (f == AugmentOptions.Flip.HORIZONTAL || f == AugmentOptions.Flip.BOTH) && rng.nextDouble() < 0.5;
        boolean flipV = (f == AugmentOptions.Flip.VERTICAL || f == AugmentOptions.Flip.BOTH) && rng.nextDouble() < 0.5;
        double zoom = options.zoomLo() == options.zoomHi() ? options.zoomLo()
                : options.zoomLo() + (options.zoomHi() - options.zoomLo()) * rng.nextDouble();
        int s = options.shiftPixels();
        int dx = s > 0 ? rng.nextInt(2 * s + 1) - s : 0;
        int dy = s > 0 ? rng.nextInt(2 * s + 1) - s : 0;
        transform(src, srcOffset, dst, dstOffset, degrees, zoom, dx, dy, flipH, flipV);
        double std = options.noiseStd();
        if (std > 0) {
            int size = shape.size();
            for (int i = 0; i < size; i++) dst[dstOffset + i] += (float) (std * rng.nextGaussian());
        }
    }

    /**
     * The deterministic geometric part: flip, then rotate by {@code degrees} counter-clockwise, then zoom by
     * {@code zoom}, then shift by {@code dx} columns right and {@code dy} rows down.
     *
     * @param src the array holding the image
     * @param srcOffset where it starts
     * @param dst receives the transformed image (not the same array)
     * @param dstOffset where it starts in {@code dst}
     * @param degrees the rotation, counter-clockwise as displayed
     * @param zoom the scale factor; above 1 enlarges
     * @param dx the shift in columns, right positive
     * @param dy the shift in rows, down positive
     * @param flipH whether to flip left and right
     * @param flipV whether to flip up and down
     */
    public void transform(float[] src, int srcOffset, float[] dst, int dstOffset, double degrees, double zoom, int dx,
            int dy, boolean flipH, boolean flipV) {
        int h = shape.height(), w = shape.width(), c = shape.channels();
        if (degrees == 0 && zoom == 1) {
            integerTransform(src, srcOffset, dst, dstOffset, dx, dy, flipH, flipV);
            return;
        }
        double rad = Math.toRadians(degrees);
        double cos = Math.cos(rad), sin = Math.sin(rad);
        double inv = 1 / zoom;
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                // undo the shift and the zoom, then the rotation: source = R(−θ)·(dest − shift)/zoom
                double y = (row - dy - cy) * inv;
                double x = (col - dx - cx) * inv;
                double xs = x * cos - y * sin;
                double ys = x * sin + y * cos;
                if (flipH) xs = -xs;
                if (flipV) ys = -ys;
                sample(src, srcOffset, ys + cy, xs + cx, dst, dstOffset + (row * w + col) * c);
            }
        }
    }

    private void integerTransform(float[] src, int srcOffset, float[] dst, int dstOffset, int dx, int dy, boolean flipH,
            boolean flipV) {
        int h = shape.height(), w = shape.width(), c = shape.channels();
        for (int row = 0; row < h; row++) {
            int sr = row - dy;
            if (flipV) sr = h - 1 - sr;
            for (int col = 0; col < w; col++) {
                int sc = col - dx;
                if (flipH) sc = w - 1 - sc;
                int out = dstOffset + (row * w + col) * c;
                boolean inside = sr >= 0 && sr < h && sc >= 0 && sc < w;
                int in = srcOffset + (sr * w + sc) * c;
                for (int k = 0; k < c; k++) dst[out + k] = inside ? src[in + k] : 0f;
            }
        }
    }

    /** Bilinear interpolation at (y, x); neighbours outside the image count as 0. */
    private void sample(float[] src, int srcOffset, double y, double x, float[] dst, int out) {
        int h = shape.height(), w = shape.width(), c = shape.channels();
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        double fy = y - y0, fx = x - x0;
        for (int k = 0; k < c; k++) {
            double v = weighted(src, srcOffset, y0, x0, k, (1 - fy) * (1 - fx), h, w, c)
                    + weighted(src, srcOffset, y0, x0 + 1, k, (1 - fy) * fx, h, w, c)
                    + weighted(src, srcOffset, y0 + 1, x0, k, fy * (1 - fx), h, w, c)
                    + weighted(src, srcOffset, y0 + 1, x0 + 1, k, fy * fx, h, w, c);
            dst[out + k] = (float) v;
        }
    }

    private static double weighted(float[] src, int off, int y, int x, int k, double weight, int h, int w, int c) {
        if (y < 0 || y >= h || x < 0 || x >= w || weight == 0) return 0;
        return weight * src[off + (y * w + x) * c + k];
    }
}
