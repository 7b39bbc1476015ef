package dev.castnet.runtime;

/**
 * The seeded generator of a network and of the runtime: xoshiro256** seeded through SplitMix64.
 * Allocation-free, and its whole state can be read and restored, so a checkpointed run resumes with
 * exactly the draws an uninterrupted run would have made.
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * A generator seeded with {@code seed}: the same seed gives the same draws on every machine.
     *
     * @param seed any value
     */
    public Rng(long seed) {
        reseed(seed);
    }

    /**
     * Resets the generator to the state {@code new Rng(seed)} starts in.
     *
     * @param seed any value
     */
    public void reseed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
        hasSpare = false;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@return the next 64 random bits} */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** {@return a uniform double in [0, 1)}, with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** {@return a uniform float in [0, 1)}, with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * A uniform integer in [0, {@code bound}).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the draw
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** {@return a standard normal draw}, by the polar Box–Muller method (one spare kept). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** {@return the full state}: four words, the spare Gaussian's bits and whether it is present; for checkpoints. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian), hasSpare ? 1 : 0};
    }

    /**
     * Restores a state that {@link #state()} returned, so that the following draws are the ones the saved generator
     * would have made.
     *
     * @param state a state of {@link #state()}
     */
    public void restore(long[] state) {
        if (state.length != 6) throw new IllegalArgumentException("generator state has 6 words, got " + state.length);
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3];
        spareGaussian = Double.longBitsToDouble(state[4]);
        hasSpare = state[5] != 0;
    }
}
