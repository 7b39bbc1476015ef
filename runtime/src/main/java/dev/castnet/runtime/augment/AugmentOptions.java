package dev.castnet.runtime.augment;

import java.util.Locale;

/**
 * Random image transforms, drawn afresh per sample per epoch: rotation by a uniform angle in
 * [−rotateDegrees, rotateDegrees] (counter-clockwise as displayed, about the image center, bilinear, zero
 * fill); flips, each with probability 0.5; zoom by a uniform factor in [zoomLo, zoomHi] about the center
 * (a factor above 1 enlarges the content); a shift by uniform integers in [−shiftPixels, shiftPixels] along
 * each axis (zero fill); additive Gaussian noise with standard deviation {@code noiseStd}. Zero (or
 * {@link Flip#NONE}, or zoom 1..1) disables a part.
 *
 * @param rotateDegrees the largest rotation, in [0, 180] degrees
 * @param flip which flips may be drawn
 * @param zoomLo the smallest zoom factor
 * @param zoomHi the largest zoom factor
 * @param shiftPixels the largest shift in whole pixels
 * @param noiseStd the standard deviation of the added Gaussian noise
 */
public record AugmentOptions(double rotateDegrees, Flip flip, double zoomLo, double zoomHi, int shiftPixels,
        double noiseStd) {

    /** Which flips may be drawn; each one happens with probability 0.5. */
    public enum Flip {
        /** No flip. */
        NONE,
        /** Left and right swapped. */
        HORIZONTAL,
        /** Top and bottom swapped. */
        VERTICAL,
        /** Each of the two, independently. */
        BOTH
    }

    /**
     * Checks the ranges; a null flip is {@link Flip#NONE} and a zoom of 0..0 is 1..1 (no zoom).
     *
     * @param rotateDegrees the largest rotation, in [0, 180] degrees
     * @param flip which flips may be drawn
     * @param zoomLo the smallest zoom factor, positive
     * @param zoomHi the largest zoom factor, at least {@code zoomLo}
     * @param shiftPixels the largest shift in whole pixels, at least 0
     * @param noiseStd the standard deviation of the added Gaussian noise, at least 0
     * @throws IllegalArgumentException for a value out of range
     */
    public AugmentOptions {
        if (flip == null) flip = Flip.NONE;
        if (zoomLo == 0 && zoomHi == 0) {
            zoomLo = 1;
            zoomHi = 1;
        }
        if (!(rotateDegrees >= 0 && rotateDegrees <= 180)) {
            throw new IllegalArgumentException("rotate must be in [0, 180] degrees, got " + rotateDegrees);
        }
        if (!(zoomLo > 0 && zoomLo <= zoomHi)) {
            throw new IllegalArgumentException("zoom needs 0 < lo <= hi, got " + zoomLo + ".." + zoomHi);
        }
        if (shiftPixels < 0) throw new IllegalArgumentException("shift must be >= 0 pixels, got " + shiftPixels);
        if (!(noiseStd >= 0)) throw new IllegalArgumentException("noise must be >= 0, got " + noiseStd);
    }

    /** {@return no augmentation} */
    public static AugmentOptions none() {
        return new AugmentOptions(0, Flip.NONE, 1, 1, 0, 0);
    }

    /** {@return whether these options change nothing} */
    public boolean isIdentity() {
        return rotateDegrees == 0 && flip == Flip.NONE && zoomLo == 1 && zoomHi == 1 && shiftPixels == 0 && noiseStd == 0;
    }

    /**
     * A copy with another rotation.
     *
     * @param degrees the largest rotation, in [0, 180] degrees
     * @return the copy
     */
    public AugmentOptions withRotate(double degrees) {
        return new AugmentOptions(degrees, flip, zoomLo, zoomHi, shiftPixels, noiseStd);
    }

    /**
     * A copy with other flips.
     *
     * @param f which flips may be drawn
     * @return the copy
     */
    public AugmentOptions withFlip(Flip f) {
        return new AugmentOptions(rotateDegrees, f, zoomLo, zoomHi, shiftPixels, noiseStd);
    }

    /**
     * A copy with another zoom range.
     *
     * @param lo the smallest zoom factor, positive
     * @param hi the largest zoom factor, at least {@code lo}
     * @return the copy
     */
    public AugmentOptions withZoom(double lo, double hi) {
        return new AugmentOptions(rotateDegrees, flip, lo, hi, shiftPixels, noiseStd);
    }

    /**
     * A copy with another shift.
     *
     * @param pixels the largest shift in whole pixels, at least 0
     * @return the copy
     */
    public AugmentOptions withShift(int pixels) {
        return new AugmentOptions(rotateDegrees, flip, zoomLo, zoomHi, pixels, noiseStd);
    }

    /**
     * A copy with other noise.
     *
     * @param std the standard deviation of the added Gaussian noise, at least 0
     * @return the copy
     */
    public AugmentOptions withNoise(double std) {
        return new AugmentOptions(rotateDegrees, flip, zoomLo, zoomHi, shiftPixels, std);
    }

    /**
     * Parses the {@code .nn} form: {@code rotate=10 flip=horizontal zoom=0.9..1.1 shift=2 noise=0.05}; options left out
     * change nothing.
     *
     * @param text the options as written after {@code augment}
     * @return the options
     * @throws IllegalArgumentException for an unknown option or a value out of range
     */
    public static AugmentOptions parse(String text) {
        AugmentOptions a = none();
        for (String part : text.trim().split("\\s+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("augment option '" + part + "' needs key=value");
            String key = part.substring(0, eq), value = part.substring(eq + 1);
            try {
                a = switch (key) {
                    case "rotate" -> a.withRotate(Double.parseDouble(value));
                    case "flip" -> a.withFlip(Flip.valueOf(value.toUpperCase(Locale.ROOT)));
                    case "zoom" -> {
                        int dots = value.indexOf("..");
                        if (dots < 0) throw new IllegalArgumentException("zoom needs a range LO..HI, got '" + value + "'");
                        yield a.withZoom(Double.parseDouble(value.substring(0, dots)),
                                Double.parseDouble(value.substring(dots + 2)));
                    }
                    case "shift" -> a.withShift(Integer.parseInt(value));
                    case "noise" -> a.withNoise(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown augment option '" + key
                            + "'; expected rotate, flip, zoom, shift or noise");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augment " + key + ": not a number: '" + value + "'");
            } catch (IllegalArgumentException e) {
                if (key.equals("flip") && e.getMessage().startsWith("No enum")) {
                    throw new IllegalArgumentException("flip must be horizontal, vertical, both or none, got '" + value + "'");
                }
                throw e;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "rotate=" + rotateDegrees + " flip=" + flip.name().toLowerCase(Locale.ROOT) + " zoom=" + zoomLo + ".."
                + zoomHi + " shift=" + shiftPixels + " noise=" + noiseStd;
    }
}
