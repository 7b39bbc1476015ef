package dev.castnet.processor.generator;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.Layer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Role;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code rnn}, {@code lstm} and {@code gru} as PyTorch computes them, over a batch in time-major order so every
 * product is one call of the dense kernels: the input's contribution {@code xs·W + b} for all T steps at once
 * ({@code xs [T][batch][F]}, a transposed copy of the batch-major input), then per step the recurrent one
 * {@code h_t·U + b_h}, then the cell's element-wise part. Hidden states are kept for every step
 * ({@code h [T+1][batch][H]}, h_0 first), and the activated gates ({@code z [T][batch][G·H]}), so backpropagation
 * through time needs no recomputation; after it, {@code dW = xsᵀ·dz} and {@code dU = h_{0..T−1}ᵀ·dz} are again
 * one product each over all steps.
 */
record RecurrentOp(Layer.Recurrent layer, String in, String out, String inDelta, String outDelta, String xs,
        String z, String h, String c, String hn, String rec, String dz, String dzh, String dh, String dc, String dhz,
        String dxs, String ut, Tensor weight, Tensor recurrentWeight, Tensor bias, Tensor recurrentBias) implements Op {

    static RecurrentOp lower(Layer.Recurrent l, Lowering.Context ctx) {
        String n = l.name();
        String p = prefix(l);
        int t = l.steps();
        int f = l.features();
        int u = l.units();
        int g = l.gates() * u;
        Tensor w = ctx.trainable(n + ".weight", new int[] {f, g}, p + "FEATURES, " + p + "GATE_UNITS", Role.WEIGHT);
        Tensor uw = ctx.trainable(n + ".recurrent_weight", new int[] {u, g}, p + "UNITS, " + p + "GATE_UNITS",
                Role.RECURRENT_WEIGHT);
        Tensor b = ctx.trainable(n + ".bias", new int[] {g}, p + "GATE_UNITS", Role.BIAS);
        Tensor ub = ctx.trainable(n + ".recurrent_bias", new int[] {g}, p + "GATE_UNITS", Role.RECURRENT_BIAS);
        String outSize = l.returnSequence() ? p + "STEPS * " + p + "UNITS" : p + "UNITS";
        String out = ctx.buffer(n + "Out", l.out().size(), outSize);
        String delta = ctx.buffer(n + "Delta", l.out().size(), outSize);
        String xs = ctx.buffer(n + "Xs", t * f, p + "STEPS * " + p + "FEATURES");
        String z = ctx.buffer(n + "Gates", t * g, p + "STEPS * " + p + "GATE_UNITS");
        String h = ctx.buffer(n + "H", (t + 1) * u, "(" + p + "STEPS + 1) * " + p + "UNITS");
        boolean lstm = l instanceof Layer.Lstm;
        boolean gru = l instanceof Layer.Gru;
        String c = lstm ? ctx.buffer(n + "C", (t + 1) * u, "(" + p + "STEPS + 1) * " + p + "UNITS") : null;
        String hn = gru ? ctx.buffer(n + "Hn", t * u, p + "STEPS * " + p + "UNITS") : null;
        String rec = ctx.buffer(n + "Rec", g, p + "GATE_UNITS");
        String dz = ctx.buffer(n + "Dz", t * g, p + "STEPS * " + p + "GATE_UNITS");
        String dzh = gru ? ctx.buffer(n + "Dzh", t * g, p + "STEPS * " + p + "GATE_UNITS") : null;
        String dh = ctx.buffer(n + "Dh", u, p + "UNITS");
        String dc = lstm ? ctx.buffer(n + "Dc", u, p + "UNITS") : null;
        String dhz = gru ? ctx.buffer(n + "Dhz", u, p + "UNITS") : null;
        String dxs = ctx.buffer(n + "Dxs", t * f, p + "STEPS * " + p + "FEATURES");
        String ut = ctx.fixed(n + "RecurrentT", u * g, p + "GATE_UNITS * " + p + "UNITS");
        return new RecurrentOp(l, ctx.current(), out, ctx.currentDelta(), delta, xs, z, h, c, hn, rec, dz, dzh, dh, dc,
                dhz, dxs, ut, w, uw, b, ub);
    }

    private static String prefix(Layer.Recurrent l) {
        return l.name().toUpperCase(java.util.Locale.ROOT) + "_";
    }

    private String p() {
        return prefix(layer);
    }

    private String cell() {
        return layer instanceof Layer.Lstm ? "lstm" : layer instanceof Layer.Gru ? "gru" : "rnn";
    }

    @Override
    public String method() {
        String n = layer.name();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public String layerName() {
        return layer.name();
    }

    @Override
    public int inSize() {
        return layer.in().size();
    }

    @Override
    public int outSize() {
        return layer.out().size();
    }

    @Override
    public List<Tensor> tensors() {
        return List.of(weight, recurrentWeight, bias, recurrentBias);
    }

    @Override
    public List<String> caches() {
        List<String> all = new ArrayList<>(List.of(xs, z, h, rec, dz, dh, ut));
        for (String b : new String[] {c, hn, dzh, dc, dhz}) if (b != null) all.add(b);
        if (inDelta != null) all.add(dxs);
        return all;
    }

    @Override
    public Op withoutInputGradient() {
        return new RecurrentOp(layer, in, out, null, outDelta, xs, z, h, c, hn, rec, dz, dzh, dh, dc, dhz, dxs, ut,
                weight, recurrentWeight, bias, recurrentBias);
    }

    @Override
    public List<Constant> constants() {
        String n = layer.name();
        return List.of(new Constant(p() + "STEPS", layer.steps(), "Time steps of " + n, true),
                new Constant(p() + "FEATURES", layer.features(), "Input features per step of " + n, true),
                new Constant(p() + "UNITS", layer.units(), "Hidden units of " + n, true),
                new Constant(p() + "GATE_UNITS", layer.gates() * layer.units(),
                        "Columns of " + n + "'s weights: " + gateNames() + ", " + layer.units() + " each", false));
    }

    private String gateNames() {
        return switch (cell()) {
            case "lstm" -> "gates i, f, g, o";
            case "gru" -> "gates r, z, n";
            default -> "one gate";
        };
    }

    @Override
    public String describe(String buffer, NetworkWriter w) {
        String n = layer.name();
        String shape = "{@code " + w.shape(buffer) + "}";
        if (buffer.equals(xs)) return "Input of " + n + " in time-major order [step][sample], " + shape + ".";
        if (buffer.equals(z)) return "Activated gates of " + n + " per step, " + shape + ".";
        if (buffer.equals(h)) return "Hidden states of " + n + ", h_0 to h_T, " + shape + ".";
        if (buffer.equals(c)) return "Cell states of " + n + ", c_0 to c_T, " + shape + ".";
        if (buffer.equals(hn)) return "h·U_n + b_hn of " + n + " per step (what r multiplies), " + shape + ".";
        if (buffer.equals(rec)) return "h_t·U + b_h of " + n + " for the step in progress.";
        if (buffer.equals(dz)) return "Gradient of the gates' inputs of " + n + ", " + shape + ".";
        if (buffer.equals(dzh)) return "Gradient of the recurrent products of " + n + ", " + shape + ".";
        if (buffer.equals(dh)) return "Gradient with respect to the hidden state of " + n + " in backward.";
        if (buffer.equals(dc)) return "Gradient with respect to the cell state of " + n + " in backward.";
        if (buffer.equals(dhz)) return "z·dh of " + n + ": the part of dh that skips the gates.";
        if (buffer.equals(dxs)) return "Gradient with respect to {@code " + xs + "}, " + shape + ".";
        if (buffer.equals(ut)) return "Uᵀ of " + n + " in backward, transposed once for all steps, " + shape + ".";
        return Op.super.describe(buffer, w);
    }

    // ---------------------------------------------------------------- forward

    @Override
    public void forward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = w.opMethod("forward" + method(), this, true);
        m.addJavadoc("$L: $L over $L steps (as PyTorch's $L), $L.\n", layer.name(), cellEquation(), layer.steps(),
                torchName(), layer.returnSequence() ? "every h_t out, batch-major" : "h_T out");
        boolean input = in.equals(Plan.INPUT);
        m.addComment("time-major copy of the input, so each step's rows are contiguous");
        m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("$T.arraycopy($L, $L(b * $LSTEPS + t) * $LFEATURES, $L, (t * batch + b) * $LFEATURES, "
                + "$LFEATURES)", System.class, input ? "x" : in, input ? "xOff + " : "", p, p, xs, p, p);
        m.endControlFlow();
        m.endControlFlow();
        m.addComment("the input's contribution for every step at once: xs·W + b");
        m.addStatement("$T.forward($L, 0, params, $L, params, $L, $L, 0, $LSTEPS * batch, $LFEATURES, $LGATE_UNITS)",
                NetworkWriter.DENSE_KERNELS, xs, weight.constant(), bias.constant(), z, p, p, p);
        String h0 = layer instanceof Layer.Rnn r && r.h0() != 0 ? w.narrowLiteral(r.h0()) : "0";
        m.addComment("samples are independent through time: each thread runs all steps for its rows, one hand-off");
        w.splitRows(m, "recurrence" + method(), false, true,
                "(long) batch * " + p + "STEPS * " + p + "UNITS * " + p + "GATE_UNITS", rm -> {
            rm.addStatement("$T.fill($L, r0 * $LUNITS, r1 * $LUNITS, $L)", NetworkWriter.ARRAYS, h, p, p, h0);
            if (c != null) rm.addStatement("$T.fill($L, r0 * $LUNITS, r1 * $LUNITS, 0)", NetworkWriter.ARRAYS, c, p, p);
            rm.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
            rm.addStatement("$T.forward($L, (t * batch + r0) * $LUNITS, params, $L, params, $L, $L, r0 * $LGATE_UNITS, "
                    + "r1 - r0, $LUNITS, $LGATE_UNITS)", NetworkWriter.DENSE_KERNELS, h, p, recurrentWeight.constant(),
                    recurrentBias.constant(), rec, p, p, p);
            cellSamples(w, rm, "r0", "r1", c != null && !w.dbl());
            rm.endControlFlow();
        });
        if (layer.returnSequence()) {
            m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
            m.beginControlFlow("for (int b = 0; b < batch; b++)");
            m.addStatement("$T.arraycopy($L, ((t + 1) * batch + b) * $LUNITS, $L, (b * $LSTEPS + t) * $LUNITS, $LUNITS)",
                    System.class, h, p, out, p, p, p);
            m.endControlFlow();
            m.endControlFlow();
        } else {
            m.addStatement("$T.arraycopy($L, $LSTEPS * batch * $LUNITS, $L, 0, batch * $LUNITS)", System.class, h, p, p,
                    out, p);
        }
        w.add(m.build());
    }

    private String cellEquation() {
        return switch (cell()) {
            case "lstm" -> "c = f·c + i·g, h = o·tanh(c)";
            case "gru" -> "h = (1 − z)·n + z·h, n = tanh(x·W_n + b_n + r·(h·U_n + b_hn))";
            default -> "h = " + ((Layer.Rnn) layer).activation().word() + "(x·W + b + h·U + b_h)";
        };
    }

    private String torchName() {
        return switch (cell()) {
            case "lstm" -> "nn.LSTM";
            case "gru" -> "nn.GRU";
            default -> "nn.RNN";
        };
    }

    /**
     * A float LSTM cell for one sample, a gate or a step at a time over the row (loops the JIT vectorizes, and
     * {@code DenseKernels.sigmoid/tanh}, vectors where the vector module is present): the same operations on each
     * element as {@link #cellForward}, so the same results.
     */
    private void lstmCellInVectors(MethodSpec.Builder m) {
        String p = p();
        String u = p + "UNITS";
        m.beginControlFlow("for (int j = 0; j < $LGATE_UNITS; j++)", p);
        m.addStatement("$L[g + j] += $L[r + j]", z, rec);
        m.endControlFlow();
        m.addStatement("$T.sigmoid($L, g, g + 2 * $L)", NetworkWriter.DENSE_KERNELS, z, u);
        m.addStatement("$T.tanh($L, g + 2 * $L, g + 3 * $L)", NetworkWriter.DENSE_KERNELS, z, u, u);
        m.addStatement("$T.sigmoid($L, g + 3 * $L, g + 4 * $L)", NetworkWriter.DENSE_KERNELS, z, u, u);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", u);
        m.addStatement("$L[next + j] = $L[g + $L + j] * $L[prev + j] + $L[g + j] * $L[g + 2 * $L + j]", c, z, u, c, z,
                z, u);
        m.endControlFlow();
        m.addStatement("$T.arraycopy($L, next, $L, next, $L)", System.class, c, h, u);
        m.addStatement("$T.tanh($L, next, next + $L)", NetworkWriter.DENSE_KERNELS, h, u);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", u);
        m.addStatement("$L[next + j] = $L[g + 3 * $L + j] * $L[next + j]", h, z, u, h);
        m.endControlFlow();
    }

    /**
     * Step t's cell for samples {@code b} from {@code from} to {@code to} (code), once the gates' inputs {@code z} and
     * the recurrent product {@code rec} are in: declares the rows {@link #cellForward} reads, then runs it per unit,
     * or the float LSTM cell in vectors ({@code vectors}).
     */
    void cellSamples(NetworkWriter w, MethodSpec.Builder m, String from, String to, boolean vectors) {
        String p = p();
        m.beginControlFlow("for (int b = $L; b < $L; b++)", from, to);
        m.addStatement("int g = (t * batch + b) * $LGATE_UNITS", p);
        m.addStatement("int r = b * $LGATE_UNITS", p);
        m.addStatement("int prev = (t * batch + b) * $LUNITS", p);
        m.addStatement("int next = prev + batch * $LUNITS", p);
        if (vectors) {
            lstmCellInVectors(m);
        } else {
            m.beginControlFlow("for (int j = 0; j < $LUNITS; j++)", p);
            cellForward(w, m);
            m.endControlFlow();
        }
        m.endControlFlow();
    }

    /** One unit j of one sample: g indexes z's row, r rec's row, prev/next the rows of h_t and h_{t+1}. */
    void cellForward(NetworkWriter w, MethodSpec.Builder m) {
        String p = p();
        switch (cell()) {
            case "rnn" -> {
                Eltwise fn = new Eltwise(((Layer.Rnn) layer).activation(), 0);
                m.addStatement("$T a = $L[g + j] + $L[r + j]", w.real(), z, rec);
                m.addStatement("$T y", w.real());
                m.addStatement("$L", w.activation(fn, "y", "a"));
                m.addStatement("$L[g + j] = y", z);
                m.addStatement("$L[next + j] = y", h);
            }
            case "lstm" -> {
                String u = p + "UNITS";
                m.addStatement("$T i = $L", w.real(), sigmoid(w, z + "[g + j] + " + rec + "[r + j]"));
                m.addStatement("$T f = $L", w.real(), sigmoid(w, z + "[g + " + u + " + j] + " + rec + "[r + " + u
                        + " + j]"));
                m.addStatement("$T gg = $L", w.real(), tanh(w, z + "[g + 2 * " + u + " + j] + " + rec
                        + "[r + 2 * " + u + " + j]"));
                m.addStatement("$T o = $L", w.real(), sigmoid(w, z + "[g + 3 * " + u + " + j] + " + rec + "[r + 3 * " + u
                        + " + j]"));
                m.addStatement("$L[g + j] = i", z);
                m.addStatement("$L[g + $L + j] = f", z, u);
                m.addStatement("$L[g + 2 * $L + j] = gg", z, u);
                m.addStatement("$L[g + 3 * $L + j] = o", z, u);
                m.addStatement("$T cell = f * $L[prev + j] + i * gg", w.real(), c);
                m.addStatement("$L[next + j] = cell", c);
                m.addStatement("$L[next + j] = o * $L", h, tanh(w, "cell"));
            }
            default -> {
                String u = p + "UNITS";
                m.addStatement("$T rg = $L", w.real(), sigmoid(w, z + "[g + j] + " + rec + "[r + j]"));
                m.addStatement("$T zg = $L", w.real(), sigmoid(w, z + "[g + " + u + " + j] + " + rec + "[r + " + u
                        + " + j]"));
                m.addStatement("$T hu = $L[r + 2 * $L + j]", w.real(), rec, u);
                m.addStatement("$L[(t * batch + b) * $L + j] = hu", hn, u);
                m.addStatement("$T n = $L", w.real(), tanh(w, z + "[g + 2 * " + u + " + j] + rg * hu"));
                m.addStatement("$L[g + j] = rg", z);
                m.addStatement("$L[g + $L + j] = zg", z, u);
                m.addStatement("$L[g + 2 * $L + j] = n", z, u);
                m.addStatement("$L[next + j] = (1 - zg) * n + zg * $L[prev + j]", h, h);
            }
        }
    }

    /** σ(x) of the generated precision: in float networks {@link NetworkWriter#FLOAT_MATH}'s, without double. */
    private static Object sigmoid(NetworkWriter w, String x) {
        return w.dbl() ? w.narrow("1 / (1 + exp(-(" + x + ")))")
                : CodeBlock.of("$T.sigmoid($L)", NetworkWriter.FLOAT_MATH, x);
    }

    /** tanh(x) of the generated precision, as {@link #sigmoid}. */
    private static Object tanh(NetworkWriter w, String x) {
        return w.dbl() ? w.narrow(w.tanh(x)) : CodeBlock.of("$T.tanh($L)", NetworkWriter.FLOAT_MATH, x);
    }

    // ---------------------------------------------------------------- backward

    @Override
    public void backward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward" + method())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("$L: backpropagation through all $L steps, then dW = xsᵀ·dz, dU = hᵀ·dz$L, db and db_h as "
                + "sums$L.\n", layer.name(), layer.steps(), cell().equals("gru") ? "_h" : "",
                inDelta != null ? ", dx = dz·Wᵀ" : "");
        m.addComment("dh·Uᵀ at every step below against one transpose of U");
        m.addStatement("$T.transpose(params, $L, $LUNITS, $LGATE_UNITS, $L, 0)", NetworkWriter.DENSE_KERNELS,
                recurrentWeight.constant(), p, p, ut);
        m.addComment("samples are independent through time: each thread runs all steps for its rows, one hand-off");
        w.splitRows(m, "backpropagation" + method(), false, true,
                "(long) batch * " + p + "STEPS * " + p + "UNITS * " + p + "GATE_UNITS", rm -> {
            rm.addStatement("$T.fill($L, r0 * $LUNITS, r1 * $LUNITS, 0)", NetworkWriter.ARRAYS, dh, p, p);
            if (dc != null) rm.addStatement("$T.fill($L, r0 * $LUNITS, r1 * $LUNITS, 0)", NetworkWriter.ARRAYS, dc, p, p);
            rm.beginControlFlow("for (int t = $LSTEPS - 1; t >= 0; t--)", p);
            if (layer.returnSequence()) {
                rm.beginControlFlow("for (int b = r0; b < r1; b++)");
                rm.addStatement("int o = (b * $LSTEPS + t) * $LUNITS", p, p);
                rm.beginControlFlow("for (int j = 0; j < $LUNITS; j++)", p);
                rm.addStatement("$L[b * $LUNITS + j] += $L[o + j]", dh, p, outDelta);
                rm.endControlFlow();
                rm.endControlFlow();
            } else {
                rm.beginControlFlow("if (t == $LSTEPS - 1)", p);
                rm.addStatement("$T.arraycopy($L, r0 * $LUNITS, $L, r0 * $LUNITS, (r1 - r0) * $LUNITS)", System.class,
                        outDelta, p, dh, p, p);
                rm.endControlFlow();
            }
            rm.beginControlFlow("for (int b = r0; b < r1; b++)");
            rm.addStatement("int g = (t * batch + b) * $LGATE_UNITS", p);
            rm.addStatement("int prev = (t * batch + b) * $LUNITS", p);
            rm.addStatement("int next = prev + batch * $LUNITS", p);
            rm.addStatement("int d = b * $LUNITS", p);
            rm.beginControlFlow("for (int j = 0; j < $LUNITS; j++)", p);
            cellBackward(w, rm);
            rm.endControlFlow();
            rm.endControlFlow();
            rm.beginControlFlow("if (t > 0)");
            rm.addComment("the gradient reaching h_t through the recurrent product");
            rm.addStatement("$T.forward($L, (t * batch + r0) * $LGATE_UNITS, $L, 0, null, 0, $L, r0 * $LUNITS, r1 - r0, "
                    + "$LGATE_UNITS, $LUNITS)", NetworkWriter.DENSE_KERNELS, dzh != null ? dzh : dz, p, ut, dh, p, p,
                    p);
            if (dhz != null) {
                rm.beginControlFlow("for (int i = r0 * $LUNITS, n = r1 * $LUNITS; i < n; i++)", p, p);
                rm.addStatement("$L[i] += $L[i]", dh, dhz);
                rm.endControlFlow();
            }
            rm.endControlFlow();
            rm.endControlFlow();
        });
        String dzr = dzh != null ? dzh : dz;
        m.addStatement("$T.weightGradient($L, 0, $L, 0, grads, $L, $LSTEPS * batch, $LFEATURES, $LGATE_UNITS)",
                NetworkWriter.DENSE_KERNELS, xs, dz, weight.constant(), p, p, p);
        m.addStatement("$T.weightGradient($L, 0, $L, 0, grads, $L, $LSTEPS * batch, $LUNITS, $LGATE_UNITS)",
                NetworkWriter.DENSE_KERNELS, h, dzr, recurrentWeight.constant(), p, p, p);
        m.addStatement("$T.biasGradient($L, 0, grads, $L, $LSTEPS * batch, $LGATE_UNITS)", NetworkWriter.DENSE_KERNELS,
                dz, bias.constant(), p, p);
        if (dzh != null) {
            m.addStatement("$T.biasGradient($L, 0, grads, $L, $LSTEPS * batch, $LGATE_UNITS)",
                    NetworkWriter.DENSE_KERNELS, dzr, recurrentBias.constant(), p, p);
        } else {
            m.addComment("b and b_h enter every gate the same way: the same sum");
            m.addStatement("$T.arraycopy(grads, $L, grads, $L, $LGATE_UNITS)", System.class, bias.constant(),
                    recurrentBias.constant(), p);
        }
        if (inDelta != null) {
            m.addStatement("$T.inputGradient($L, 0, params, $L, $L, 0, $LSTEPS * batch, $LFEATURES, $LGATE_UNITS)",
                    NetworkWriter.DENSE_KERNELS, dz, weight.constant(), dxs, p, p, p);
            m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
            m.beginControlFlow("for (int b = 0; b < batch; b++)");
            m.addStatement("$T.arraycopy($L, (t * batch + b) * $LFEATURES, $L, (b * $LSTEPS + t) * $LFEATURES, "
                    + "$LFEATURES)", System.class, dxs, p, inDelta, p, p, p);
            m.endControlFlow();
            m.endControlFlow();
        }
        w.add(m.build());
    }

    /**
     * One unit j of one sample at step t, from dh (the gradient reaching h_{t+1}): writes the gates' input
     * gradients into dz (and dzh) and leaves in dh/dc what flows to step t − 1 other than through U.
     */
    private void cellBackward(NetworkWriter w, MethodSpec.Builder m) {
        String u = p() + "UNITS";
        switch (cell()) {
            case "rnn" -> {
                Eltwise fn = new Eltwise(((Layer.Rnn) layer).activation(), 0);
                m.addStatement("$L", w.derivative(fn, dz + "[g + j]", dh + "[d + j]", z + "[g + j]"));
            }
            case "lstm" -> {
                m.addStatement("$T i = $L[g + j]", w.real(), z);
                m.addStatement("$T f = $L[g + $L + j]", w.real(), z, u);
                m.addStatement("$T gg = $L[g + 2 * $L + j]", w.real(), z, u);
                m.addStatement("$T o = $L[g + 3 * $L + j]", w.real(), z, u);
                m.addStatement("$T tc = $L", w.real(), tanh(w, c + "[next + j]"));
                m.addStatement("$T dhj = $L[d + j]", w.real(), dh);
                m.addStatement("$T dcj = $L[d + j] + dhj * o * (1 - tc * tc)", w.real(), dc);
                m.addStatement("$L[g + j] = dcj * gg * i * (1 - i)", dz);
                m.addStatement("$L[g + $L + j] = dcj * $L[prev + j] * f * (1 - f)", dz, u, c);
                m.addStatement("$L[g + 2 * $L + j] = dcj * i * (1 - gg * gg)", dz, u);
                m.addStatement("$L[g + 3 * $L + j] = dhj * tc * o * (1 - o)", dz, u);
                m.addStatement("$L[d + j] = dcj * f", dc);
            }
            default -> {
                m.addStatement("$T rg = $L[g + j]", w.real(), z);
                m.addStatement("$T zg = $L[g + $L + j]", w.real(), z, u);
                m.addStatement("$T n = $L[g + 2 * $L + j]", w.real(), z, u);
                m.addStatement("$T hu = $L[(t * batch + b) * $L + j]", w.real(), hn, u);
                m.addStatement("$T dhj = $L[d + j]", w.real(), dh);
                m.addStatement("$T an = dhj * (1 - zg) * (1 - n * n)", w.real());
                m.addStatement("$T ar = an * hu * rg * (1 - rg)", w.real());
                m.addStatement("$T az = dhj * ($L[prev + j] - n) * zg * (1 - zg)", w.real(), h);
                m.addStatement("$L[g + j] = ar", dz);
                m.addStatement("$L[g + $L + j] = az", dz, u);
                m.addStatement("$L[g + 2 * $L + j] = an", dz, u);
                m.addStatement("$L[g + j] = ar", dzh);
                m.addStatement("$L[g + $L + j] = az", dzh, u);
                m.addStatement("$L[g + 2 * $L + j] = an * rg", dzh, u);
                m.addStatement("$L[d + j] = dhj * zg", dhz);
            }
        }
    }

    // ---------------------------------------------------------------- initialization

    @Override
    public void initialize(NetworkWriter w, MethodSpec.Builder init) {
        String p = p();
        // PyTorch's fans for a recurrent weight: fan_in = F (or H), fan_out = G·H
        init.addStatement(w.initializer(layer.init(), weight.constant(), p + "FEATURES * " + p + "GATE_UNITS",
                p + "FEATURES", p + "GATE_UNITS"));
        init.addStatement(w.initializer(layer.recurrentInit(), recurrentWeight.constant(),
                p + "UNITS * " + p + "GATE_UNITS", p + "UNITS", p + "GATE_UNITS"));
        init.addStatement("$T.fill(params, $L, $L + $LGATE_UNITS, 0)", NetworkWriter.ARRAYS, bias.constant(),
                bias.constant(), p);
        init.addStatement("$T.fill(params, $L, $L + $LGATE_UNITS, 0)", NetworkWriter.ARRAYS, recurrentBias.constant(),
                recurrentBias.constant(), p);
        if (layer instanceof Layer.Lstm l && l.forgetBias() != 0) {
            init.addComment("the forget gate's input bias starts at forget_bias (Jozefowicz et al. 2015)");
            init.addStatement("$T.fill(params, $L + $LUNITS, $L + 2 * $LUNITS, $L)", NetworkWriter.ARRAYS,
                    bias.constant(), p, bias.constant(), p, w.narrowLiteral(l.forgetBias()));
        }
    }

}
