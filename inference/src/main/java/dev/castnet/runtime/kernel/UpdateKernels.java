package dev.castnet.runtime.kernel;

/**
 * Optimizer updates as kernels, for generated networks to call instead of writing the loop themselves: the same
 * arithmetic as the generated loop (bitwise the same results), but on vectors when the JVM has
 * {@code jdk.incubator.vector} and split across the kernel team ({@link DenseKernels#threads}) for large tensors,
 * with results bitwise identical for any thread count. Nothing is allocated per call.
 */
public final class UpdateKernels {
    private UpdateKernels() {}

    /**
     * Adam ({@code torch.optim.Adam}) with L2 regularization folded into the gradient, over
     * {@code [offset, offset + length)} of {@code params}, {@code grads}, {@code m} and {@code v}:
     * {@code g = grads + l2 * w; m = beta1 * m + oneMinusBeta1 * g; v = beta2 * v + oneMinusBeta2 * g * g;
     * w -= stepSize * m / (sqrt(v) / correction2 + eps)}, where {@code stepSize = lr / (1 - beta1^t)} and
     * {@code correction2 = sqrt(1 - beta2^t)}. The terms {@code 1 - beta} come in as arguments so that a caller can
     * compute them as PyTorch and the generated loop do, in double and rounded once ({@code (float) (1 - 0.999)},
     * not {@code 1 - 0.999f}, which is off by 1.3e-5 relative); with those the result is bitwise the loop's.
     *
     * @param params the parameters, updated in place
     * @param grads their gradients (of the mean data loss, already clipped)
     * @param m Adam's first moments, updated in place
     * @param v Adam's second moments, updated in place
     * @param offset where the tensor starts in the four arrays
     * @param length its number of values
     * @param beta1 the first-moment decay
     * @param oneMinusBeta1 {@code 1 - beta1}
     * @param beta2 the second-moment decay
     * @param oneMinusBeta2 {@code 1 - beta2}
     * @param eps the denominator guard
     * @param l2 the L2 strength, 0 for none (biases, γ, β)
     * @param stepSize {@code lr / (1 - beta1^t)}
     * @param correction2 {@code sqrt(1 - beta2^t)}
     */
    public static void adam(float[] params, float[] grads, float[] m, float[] v, int offset, int length,
                            float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps, float l2,
                            float stepSize, float correction2) {
        check(params.length, grads.length, m.length, v.length, offset, length);
        AdamFloat.update(DenseKernels.TEAM, params, grads, m, v, offset, length, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, eps, l2, stepSize, correction2);
    }

    /**
     * The {@code float} Adam above, in {@code double}.
     *
     * @param params the parameters, updated in place
     * @param grads their gradients (of the mean data loss, already clipped)
     * @param m Adam's first moments, updated in place
     * @param v Adam's second moments, updated in place
     * @param offset where the tensor starts in the four arrays
     * @param length its number of values
     * @param beta1 the first-moment decay
     * @param oneMinusBeta1 {@code 1 - beta1}
     * @param beta2 the second-moment decay
     * @param oneMinusBeta2 {@code 1 - beta2}
     * @param eps the denominator guard
     * @param l2 the L2 strength, 0 for none (biases, γ, β)
     * @param stepSize {@code lr / (1 - beta1^t)}
     * @param correction2 {@code sqrt(1 - beta2^t)}
     */
    public static void adam(double[] params, double[] grads, double[] m, double[] v, int offset, int length,
                            double beta1, double oneMinusBeta1, double beta2, double oneMinusBeta2, double eps,
                            double l2, double stepSize, double correction2) {
        check(params.length, grads.length, m.length, v.length, offset, length);
        AdamDouble.update(DenseKernels.TEAM, params, grads, m, v, offset, length, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, eps, l2, stepSize, correction2);
    }

    private static void check(int params, int grads, int m, int v, int offset, int length) {
        long end = (long) offset + length;
        if (offset < 0 || length < 0 || end > params || end > grads || end > m || end > v) {
            throw KernelErrors.updateRange(params, grads, m, v, offset, length);
        }
    }
}
