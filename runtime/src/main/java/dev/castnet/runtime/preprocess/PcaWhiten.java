package dev.castnet.runtime.preprocess;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.serving.InputTransform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * PCA whitening: x' = Λ_K^(−1/2) U_Kᵀ (x − μ), where U_K holds the eigenvectors of the K largest eigenvalues
 * Λ_K of the training covariance (1/n). Each eigenvalue gets {@code eps} added before the square root, so the
 * whitened covariance is diag(λ/(λ+eps)): the identity up to {@code eps}, and directions with almost no
 * variance are not blown up. Eigenvectors come from EJML's symmetric eigendecomposition.
 */
public final class PcaWhiten implements Preprocessor {
    private static final int CHUNK = 1024;

    private final double[] mean;
    private final double[] eigenvalues;
    private final double[] eigenvectors; // [K][d], row k is the k-th principal direction
    private final double eps;
    private final int d;
    private final int k;
    private final InputTransform transform;

    /**
     * PCA whitening from fitted statistics (as restored from a checkpoint).
     *
     * @param mean each feature's training mean
     * @param eigenvalues the K eigenvalues kept, largest first
     * @param eigenvectors the K eigenvectors, {@code [K][d]} row-major
     * @param eps added to each eigenvalue before the square root, positive
     */
    public PcaWhiten(double[] mean, double[] eigenvalues, double[] eigenvectors, double eps) {
        this.d = mean.length;
        this.k = eigenvalues.length;
        if (eigenvectors.length != k * d) {
            throw new IllegalArgumentException("pca_whiten: " + k + " eigenvectors of length " + d + " need "
                    + k * d + " values, got " + eigenvectors.length);
        }
        if (!(eps >= 0)) throw new IllegalArgumentException("pca_whiten eps must be >= 0, got " + eps);
        this.mean = mean.clone();
        this.eigenvalues = eigenvalues.clone();
        this.eigenvectors = eigenvectors.clone();
        this.eps = eps;
        transform = InputTransform.of(kind(), state()); // checks every component has variance (or eps > 0)
    }

    /**
     * Fits on {@code train}; {@code components} 0 keeps all {@code d}.
     *
     * @param train the training split
     * @param components the directions kept, K; 0 for all
     * @param eps added to each eigenvalue before the square root, positive
     * @return the fitted transform
     */
    public static PcaWhiten fit(Dataset train, int components, double eps) {
        int d = train.features(), n = train.size();
        if (n == 0) throw new IllegalArgumentException("cannot fit pca_whiten on an empty data set");
        if (components < 0 || components > d) {
            throw new IllegalArgumentException("pca_whiten components must be in [1, " + d + "] (0 = all), got "
                    + components);
        }
        int kept = components == 0 ? d : components;
        double[] mean = Preprocessing.mean(train);

        // covariance = Xcᵀ Xc / n, accumulated over row chunks so the centered copy stays small
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        DMatrixRMaj part = new DMatrixRMaj(d, d);
        float[] x = train.x();
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            DMatrixRMaj chunk = new DMatrixRMaj(rows, d);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) chunk.data[i * d + j] = x[(start + i) * d + j] - mean[j];
            }
            CommonOps_DDRM.multInner(chunk, part);
            CommonOps_DDRM.addEquals(cov, part);
        }
        CommonOps_DDRM.scale(1.0 / n, cov);

        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) throw new IllegalStateException("pca_whiten: eigendecomposition did not converge");
        Integer[] order = new Integer[d];
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            values[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] lambda = new double[kept];
        double[] vectors = new double[kept * d];
        for (int c = 0; c < kept; c++) {
            lambda[c] = Math.max(values[order[c]], 0); // round-off can make a zero eigenvalue slightly negative
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            // fix the sign (largest |component| positive) so refits give identical transforms
            int arg = 0;
            for (int j = 1; j < d; j++) if (Math.abs(v.data[j]) > Math.abs(v.data[arg])) arg = j;
            double sign = v.data[arg] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) vectors[c * d + j] = sign * v.data[j];
        }
        return new PcaWhiten(mean, lambda, vectors, eps);
    }

    static PcaWhiten restore(Map<String, double[]> state) {
        return new PcaWhiten(Preprocessing.need(state, "mean", "pca_whiten"),
                Preprocessing.need(state, "eigenvalues", "pca_whiten"),
                Preprocessing.need(state, "eigenvectors", "pca_whiten"), Preprocessing.need(state, "eps", "pca_whiten")[0]);
    }

    /** {@return the number of directions kept, K} */
    public int components() {
        return k;
    }

    /** {@return the eigenvalues kept}, largest first. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public String kind() {
        return "pca_whiten";
    }

    @Override
    public int inputSize() {
        return d;
    }

    @Override
    public int outputSize() {
        return k;
    }

    /** Row by row through {@link InputTransform} (in place works: output rows shrink from d to K). */
    @Override
    public void apply(float[] src, int n, float[] dst) {
        transform.apply(src, n, dst);
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("mean", mean.clone());
        s.put("eigenvalues", eigenvalues.clone());
        s.put("eigenvectors", eigenvectors.clone());
        s.put("eps", new double[] {eps});
        return s;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }
}
