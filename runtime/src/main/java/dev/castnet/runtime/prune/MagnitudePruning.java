package dev.castnet.runtime.prune;

import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.TrainableNetwork;
import java.util.Arrays;
import java.util.List;

/**
 * Magnitude pruning (SPEC §6): the weights with the smallest |w| get mask 0, and the network keeps them at 0 from
 * then on. Only weights and recurrent weights are pruned, never biases, γ or β.
 *
 * <p>How many: {@code round(sparsity · n)} of the n weights competing, rounded half to even as Python's
 * {@code round} in {@code torch.nn.utils.prune} (for {@link Scope#LAYER} n is each tensor's size, for
 * {@link Scope#GLOBAL} all of them together, as {@code global_unstructured} with {@code L1Unstructured}). Equal
 * magnitudes go by position, the first pruned first, so the choice is reproducible. Weights already pruned stay
 * pruned: a mask never comes back to 1.
 */
public final class MagnitudePruning {
    /** Which weights compete: each tensor on its own, or all weight tensors together. */
    public enum Scope {
        /** Each weight tensor is pruned to the sparsity on its own ({@code scope=layer}). */
        LAYER,
        /** All weight tensors compete together, so some end sparser than others ({@code scope=global}). */
        GLOBAL
    }

    private MagnitudePruning() {}

    /**
     * Prunes {@code net} to {@code sparsity} of its weights: sets the masks of the smallest to 0 and applies the
     * masks, so those weights are 0 and stay 0 through training.
     *
     * @param net the network, its masks as they are (weights already pruned stay pruned)
     * @param sparsity the fraction of weights to prune, in [0, 1)
     * @param scope whether each tensor or all weights together reach the sparsity
     * @throws IllegalArgumentException when {@code sparsity} is out of range or the network has no weights to prune
     */
    public static void prune(TrainableNetwork net, double sparsity, Scope scope) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("prune sparsity must be in [0, 1), got " + sparsity);
        }
        Parameters masks = net.masks();
        List<String> names = masks.names();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("network " + net.networkName() + " has no weights to prune");
        }
        double[][] w = new double[names.size()][];
        double[][] m = new double[names.size()][];
        for (int t = 0; t < names.size(); t++) {
            w[t] = net.parameters().read(names.get(t));
            m[t] = masks.read(names.get(t));
        }
        if (scope == Scope.LAYER) {
            for (int t = 0; t < names.size(); t++) select(new double[][] {w[t]}, new double[][] {m[t]}, sparsity);
        } else {
            select(w, m, sparsity);
        }
        for (int t = 0; t < names.size(); t++) masks.write(names.get(t), m[t]);
        net.applyMasks();
    }

    /**
     * How many of {@code n} weights a sparsity prunes.
     *
     * @param sparsity the fraction to prune, in [0, 1)
     * @param n the number of weights competing
     * @return {@code round(sparsity · n)}, half to even
     */
    public static long count(double sparsity, long n) {
        return (long) Math.rint(sparsity * n);
    }

    /**
     * Sets to 0 the masks of the {@code count(sparsity, n)} smallest |w| over the tensors {@code w} together,
     * pruned ones (mask 0) first; masks already 0 stay 0.
     */
    static void select(double[][] w, double[][] m, double sparsity) {
        int n = 0;
        for (double[] t : w) n += t.length;
        long k = count(sparsity, n);
        // keys ordered by (already pruned first, |w| as float bits, position): |w| ≥ 0, so its bits sort as it does
        long[] keys = new long[n];
        int at = 0;
        for (int t = 0; t < w.length; t++) {
            for (int i = 0; i < w[t].length; i++, at++) {
                long magnitude = m[t][i] == 0 ? 0 : 1L + Float.floatToIntBits(Math.abs((float) w[t][i]));
                keys[at] = (magnitude << 32) | at;
            }
        }
        Arrays.sort(keys);
        int[] starts = new int[w.length + 1];
        for (int t = 0; t < w.length; t++) starts[t + 1] = starts[t] + w[t].length;
        for (int r = 0; r < n; r++) {
            boolean already = (keys[r] >>> 32) == 0;
            if (r >= k && !already) break;
            int position = (int) (keys[r] & 0xFFFFFFFFL);
            int t = 0;
            while (starts[t + 1] <= position) t++;
            m[t][position - starts[t]] = 0;
        }
    }

    /**
     * {@return the number of weights that are not 0}, over the prunable tensors (weights and recurrent weights).
     *
     * @param net the network
     */
    public static long nonzero(TrainableNetwork net) {
        long n = 0;
        for (String t : net.masks().names()) {
            for (double v : net.parameters().read(t)) if (v != 0) n++;
        }
        return n;
    }

    /**
     * {@return the number of weights pruning works on}: the sizes of the weight and recurrent weight tensors.
     *
     * @param net the network
     */
    public static long weights(TrainableNetwork net) {
        long n = 0;
        for (String t : net.masks().names()) n += net.parameters().read(t).length;
        return n;
    }
}
