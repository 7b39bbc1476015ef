package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.Layer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Role;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code batchnorm} (Algorithm 7.1): per feature over the batch, or per channel over batch×H×W on an image (per
 * feature over batch×T on a sequence); the statistics' rows are then {@code batch * POSITIONS} rows of
 * {@code FEATURES} values, channels last. Backward needs x̂, not its output, so an activation runs in place.
 */
record BatchNormOp(Layer.BatchNorm layer, String in, String out, String inDelta, String outDelta, String xhat,
        String mean, String invStd, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Eltwise post)
        implements Op {

    static BatchNormOp lower(Layer.BatchNorm bn, Lowering.Context c) {
        String p = bn.name();
        String f = features(bn);
        int n = bn.features();
        Tensor gamma = c.trainable(p + ".gamma", new int[] {n}, f, Role.GAMMA);
        Tensor beta = c.trainable(p + ".beta", new int[] {n}, f, Role.BETA);
        Tensor mean = c.statistic(p + ".running_mean", n, f, Role.RUNNING_MEAN);
        Tensor var = c.statistic(p + ".running_var", n, f, Role.RUNNING_VAR);
        String size = size(bn);
        int perSample = bn.in().size();
        String out = c.buffer(p + "Out", perSample, size);
        String delta = c.buffer(p + "Delta", perSample, size);
        String xhat = c.buffer(p + "Xhat", perSample, size);
        String m = c.fixed(p + "Mean", n, f);
        String s = c.fixed(p + "InvStd", n, f);
        c.population(n);
        return new BatchNormOp(bn, c.current(), out, c.currentDelta(), delta, xhat, m, s, gamma, beta, mean, var, null);
    }

    private static String features(Layer.BatchNorm bn) {
        return "BATCHNORM" + bn.index() + "_FEATURES";
    }

    private static String positions(Layer.BatchNorm bn) {
        return "BATCHNORM" + bn.index() + "_POSITIONS";
    }

    /** Per-sample size: the features, times the positions sharing them on an image or sequence. */
    private static String size(Layer.BatchNorm bn) {
        return bn.positions() == 1 ? features(bn) : positions(bn) + " * " + features(bn);
    }

    int index() {
        return layer.index();
    }

    String features() {
        return features(layer);
    }

    /** The statistics' row count for {@code batch} samples. */
    String rows() {
        return layer.positions() == 1 ? "batch" : "batch * " + positions(layer);
    }

    @Override
    public String method() {
        return "Batchnorm" + index();
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
        return inSize();
    }

    @Override
    public boolean hasModes() {
        return true;
    }

    @Override
    public List<Tensor> tensors() {
        return List.of(gamma, beta, runningMean, runningVar);
    }

    @Override
    public List<String> caches() {
        return List.of(xhat, mean, invStd);
    }

    @Override
    public Op withoutInputGradient() {
        return new BatchNormOp(layer, in, out, null, outDelta, xhat, mean, invStd, gamma, beta, runningMean,
                runningVar, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null ? new BatchNormOp(layer, in, out, inDelta, outDelta, xhat, mean, invStd, gamma, beta,
                runningMean, runningVar, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        List<Constant> c = new ArrayList<>();
        c.add(new Constant(features(), layer.features(), null, true));
        if (layer.positions() > 1) {
            c.add(new Constant(positions(layer), layer.positions(),
                    "Positions per sample sharing batchnorm" + index() + "'s statistics", true));
        }
        return c;
    }

    @Override
    public String describe(String buffer, NetworkWriter w) {
        String layerWord = "batchnorm" + index();
        if (buffer.equals(xhat)) return "Normalized input x̂ of " + layerWord + ", {@code " + w.shape(buffer) + "}.";
        if (buffer.equals(mean)) return "Batch mean of " + layerWord + " per feature.";
        if (buffer.equals(invStd)) return "1/sqrt(var + eps) of " + layerWord + " per feature.";
        return Op.super.describe(buffer, w);
    }

    @Override
    public void forward(NetworkWriter w) {
        training(w);
        inference(w);
    }

    @Override
    public void forwardInference(NetworkWriter w) {
        inference(w);
    }

    @Override
    public List<String> inferenceCaches() {
        return List.of(invStd);
    }

    /** Declares {@code rows} when statistics run over more rows than samples. */
    private void rowsVariable(MethodSpec.Builder m) {
        if (layer.positions() > 1) m.addStatement("int rows = $L", rows());
    }

    private String rowCount() {
        return layer.positions() > 1 ? "rows" : "batch";
    }

    private void training(NetworkWriter w) {
        int k = index();
        String f = features();
        String r = rowCount();
        MethodSpec.Builder m = w.opMethod("forwardBatchnorm" + k + "Training", this, true);
        m.addJavadoc("batchnorm$L in training (Algorithm 7.1): normalize by the batch mean and biased variance,\n"
                + "update the running statistics with the unbiased variance (as PyTorch)$L.\n", k,
                post != null ? ", then " + post.kind().word() + " in place" : "");
        rowsVariable(m);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] = 0", mean);
        m.addStatement("$L[j] = 0", invStd);
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < $L; b++)", r);
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] += $L", mean, w.in(this, "row + j"));
        m.endControlFlow();
        m.endControlFlow();
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] /= $L", mean, r);
        m.endControlFlow();
        m.addComment("the biased variance accumulates in $L before it becomes 1/sqrt(var + eps)", invStd);
        m.beginControlFlow("for (int b = 0; b < $L; b++)", r);
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("double d = $L - $L[j]", w.in(this, "row + j"), mean);
        m.addStatement("$L[j] = $L", invStd, w.narrow(invStd + "[j] + d * d"));
        m.endControlFlow();
        m.endControlFlow();
        m.addStatement("double momentum = $L", NetworkWriter.literal(layer.momentum()));
        m.addStatement("double unbiased = $L > 1 ? (double) $L / ($L - 1) : 1", r, r, r);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("double variance = $L[j] / $L", invStd, r);
        m.addStatement("stats[$L + j] = $L", runningMean.constant(),
                w.narrow("(1 - momentum) * stats[" + runningMean.constant() + " + j] + momentum * " + mean + "[j]"));
        m.addStatement("stats[$L + j] = $L", runningVar.constant(),
                w.narrow("(1 - momentum) * stats[" + runningVar.constant() + " + j] + momentum * variance * unbiased"));
        m.addStatement("$L[j] = $L", invStd, w.narrow("1 / sqrt(variance + " + NetworkWriter.literal(layer.eps())
                + ")"));
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < $L; b++)", r);
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$T xhat = ($L - $L[j]) * $L[j]", w.real(), w.in(this, "row + j"), mean, invStd);
        m.addStatement("$L[row + j] = xhat", xhat);
        m.addStatement("$L[row + j] = params[$L + j] * xhat + params[$L + j]", out, gamma.constant(), beta.constant());
        m.endControlFlow();
        m.endControlFlow();
        w.postForward(m, post, out, sizeExpression());
        w.add(m.build());
    }

    private String sizeExpression() {
        return size(layer);
    }

    private void inference(NetworkWriter w) {
        int k = index();
        String f = features();
        MethodSpec.Builder m = w.opMethod("forwardBatchnorm" + k + "Inference", this, true);
        m.addJavadoc("batchnorm$L at inference: normalize by the stored $L statistics$L.\n", k,
                layer.stats() == BatchNormStats.POPULATION ? "whole-dataset" : "running",
                post != null ? ", then " + post.kind().word() + " in place" : "");
        rowsVariable(m);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[j] = $L", invStd, w.narrow("1 / sqrt(stats[" + runningVar.constant() + " + j] + "
                + NetworkWriter.literal(layer.eps()) + ")"));
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < $L; b++)", rowCount());
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$L[row + j] = params[$L + j] * ($L - stats[$L + j]) * $L[j] + params[$L + j]", out,
                gamma.constant(), w.in(this, "row + j"), runningMean.constant(), invStd, beta.constant());
        m.endControlFlow();
        m.endControlFlow();
        w.postForward(m, post, out, sizeExpression());
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        int k = index();
        String f = features();
        String r = rowCount();
        String g = gamma.constant();
        String be = beta.constant();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardBatchnorm" + k)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("batchnorm$L: dγ = Σ dy·x̂, dβ = Σ dy$L.\n", k,
                inDelta != null ? ", dx = γ/(m·σ)·(m·dy − dβ − x̂·dγ)" : "");
        w.postBackward(m, post, out, outDelta, sizeExpression());
        rowsVariable(m);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("grads[$L + j] = 0", g);
        m.addStatement("grads[$L + j] = 0", be);
        m.endControlFlow();
        m.beginControlFlow("for (int b = 0; b < $L; b++)", r);
        m.addStatement("int row = b * $L", f);
        m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
        m.addStatement("$T dy = $L[row + j]", w.real(), outDelta);
        m.addStatement("grads[$L + j] += dy * $L[row + j]", g, xhat);
        m.addStatement("grads[$L + j] += dy", be);
        m.endControlFlow();
        m.endControlFlow();
        if (inDelta != null) {
            m.beginControlFlow("for (int b = 0; b < $L; b++)", r);
            m.addStatement("int row = b * $L", f);
            m.beginControlFlow("for (int j = 0; j < $L; j++)", f);
            m.addStatement("$L[row + j] = params[$L + j] * $L[j] / $L * ($L * $L[row + j] - grads[$L + j] - $L[row + j]"
                    + " * grads[$L + j])", inDelta, g, invStd, r, r, outDelta, be, xhat, g);
            m.endControlFlow();
            m.endControlFlow();
        }
        w.add(m.build());
    }

    @Override
    public void initialize(NetworkWriter w, MethodSpec.Builder init) {
        String f = features();
        for (Object[] t : new Object[][] {{gamma, "params", "1"}, {beta, "params", "0"}, {runningMean, "stats", "0"},
                {runningVar, "stats", "1"}}) {
            Tensor x = (Tensor) t[0];
            init.addStatement("$T.fill($L, $L, $L + $L, $L)", NetworkWriter.ARRAYS, t[1], x.constant(), x.constant(), f,
                    t[2]);
        }
    }
}
