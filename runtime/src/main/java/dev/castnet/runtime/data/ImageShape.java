package dev.castnet.runtime.data;

/**
 * The shape of one image sample, stored row-major as height, width, channels (HWC).
 *
 * @param height the rows
 * @param width the columns
 * @param channels the values per pixel
 */
public record ImageShape(int height, int width, int channels) {
    /**
     * Checks that every dimension is positive.
     *
     * @param height the rows
     * @param width the columns
     * @param channels the values per pixel
     * @throws IllegalArgumentException for a dimension below 1
     */
    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
    }

    /** {@return the number of values of one image}, height × width × channels. */
    public int size() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
