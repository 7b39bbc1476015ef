package dev.castnet.runtime.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file with the JDK's ImageIO into an {@link ImageShape}: channels converted, resized with
 * bilinear interpolation, pixels scaled to [0, 1], stored HWC row-major.
 */
final class ImageDecoder {
    private ImageDecoder() {}

    /** Decodes {@code file} as {@code shape} into {@code dst[offset .. offset + shape.size())}. */
    static void read(Path file, ImageShape shape, float[] dst, int offset) {
        BufferedImage image = decode(file);
        int h = image.getHeight(), w = image.getWidth(), c = shape.channels();
        float[] pixels = channels(image, c);
        if (h == shape.height() && w == shape.width()) {
            System.arraycopy(pixels, 0, dst, offset, pixels.length);
        } else {
            resizeBilinear(pixels, h, w, c, dst, offset, shape.height(), shape.width());
        }
    }

    /**
     * ImageIO's {@code read}, with the file named in every failure, and a truncated file refused instead of
     * decoded half grey (ImageIO only warns about it; PIL refuses it too).
     */
    static BufferedImage decode(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new DataFormatException(file + ": cannot be opened");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file + ": not an image ImageIO can read (it recognises PNG, JPEG, BMP"
                        + " and GIF by their first bytes; this file starts with none of them)");
            }
            ImageReader reader = readers.next();
            String[] truncated = {null};
            reader.addIIOReadWarningListener((source, warning) -> {
                String w = warning.toLowerCase(Locale.ROOT);
                if (truncated[0] == null && (w.contains("truncated") || w.contains("premature end"))) truncated[0] = warning;
            });
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (truncated[0] != null) {
                    throw new DataFormatException(file + ": damaged " + reader.getFormatName() + " image: "
                            + truncated[0]);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) throw d;
            // readers throw IIOException and, on some malformed inputs, unchecked exceptions
            throw new DataFormatException(file + ": damaged image, cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * The pixels as {@code channels} values in [0, 1] per pixel, HWC. Gray images are read from their samples
     * ({@code getRGB} would pass them through a linear-to-sRGB curve, brightening 128 to 188); everything else
     * as sRGB. 1 channel: luminance 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's {@code convert("L")}
     * and TensorFlow's {@code rgb_to_grayscale}); 3: RGB, alpha dropped; 4: RGBA, opaque where the file has no
     * alpha. A gray image gives each colour channel its value.
     */
    static float[] channels(BufferedImage image, int channels) {
        int h = image.getHeight(), w = image.getWidth(), n = h * w;
        float[] out = new float[n * channels];
        ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            float max = (1 << cm.getComponentSize(0)) - 1;
            int[] gray = raster.getSamples(0, 0, w, h, 0, new int[n]);
            int[] alpha = channels == 4 && cm.hasAlpha() ? raster.getSamples(0, 0, w, h, cm.getNumColorComponents(), new int[n]) : null;
            float alphaMax = alpha == null ? 1 : (1 << cm.getComponentSize(cm.getNumColorComponents())) - 1;
            for (int i = 0; i < n; i++) {
                float v = gray[i] / max;
                int o = i * channels;
                if (channels == 1) {
                    out[o] = v;
                } else {
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                    if (channels == 4) out[o + 3] = alpha == null ? 1f : alpha[i] / alphaMax;
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            int r = (p >>> 16) & 0xff, g = (p >>> 8) & 0xff, b = p & 0xff;
            int o = i * channels;
            if (channels == 1) {
                // integer weights first: a pixel with R = G = B = v gives exactly v / 255
                out[o] = (299 * r + 587 * g + 114 * b) / 1000f / 255f;
            } else {
                out[o] = r / 255f;
                out[o + 1] = g / 255f;
                out[o + 2] = b / 255f;
                if (channels == 4) out[o + 3] = (p >>> 24) / 255f;
            }
        }
        return out;
    }

    /**
     * Bilinear resize of an HWC image with half-pixel centres and edge clamping, without antialiasing:
     * TensorFlow's {@code tf.image.resize(method="bilinear")} (Keras's default) and PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)}. Output pixel i samples the input at
     * {@code (i + 0.5) * in / out - 0.5}.
     */
    static void resizeBilinear(float[] src, int h, int w, int c, float[] dst, int offset, int outH, int outW) {
        int[] y0 = new int[outH], y1 = new int[outH];
        float[] fy = new float[outH];
        sourceIndices(h, outH, y0, y1, fy);
        int[] x0 = new int[outW], x1 = new int[outW];
        float[] fx = new float[outW];
        sourceIndices(w, outW, x0, x1, fx);
        int o = offset;
        for (int i = 0; i < outH; i++) {
            int top = y0[i] * w * c, bottom = y1[i] * w * c;
            float wy = fy[i];
            for (int j = 0; j < outW; j++) {
                int left = x0[j] * c, right = x1[j] * c;
                float wx = fx[j];
                for (int k = 0; k < c; k++) {
                    float t = src[top + left + k] + (src[top + right + k] - src[top + left + k]) * wx;
                    float b = src[bottom + left + k] + (src[bottom + right + k] - src[bottom + left + k]) * wx;
                    dst[o++] = t + (b - t) * wy;
                }
            }
        }
    }

    private static void sourceIndices(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double s = Math.max((i + 0.5) * scale - 0.5, 0);
            int f = (int) s;
            lo[i] = Math.min(f, in - 1);
            hi[i] = Math.min(f + 1, in - 1);
            frac[i] = (float) (s - f);
        }
    }
}
