package dev.castnet.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessTest {

    /** n samples of 3 correlated features with different scales and means, and a constant 4th feature. */
    private static Dataset correlated(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 4];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian();
            x[i * 4] = (float) (3 + 2 * a);
            x[i * 4 + 1] = (float) (-1 + 1.5 * a + 0.5 * b);
            x[i * 4 + 2] = (float) (10 + 0.3 * a - 0.7 * b + 0.2 * c);
            x[i * 4 + 3] = 7.25f;
        }
        return Dataset.classification("synthetic", x, 4, new int[n], 1, null);
    }

    private static double[][] covariance(float[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) cov[j][k] += (x[i * d + j] - mean[j]) * (x[i * d + k] - mean[k]) / n;
            }
        }
        return cov;
    }

    @Test
    void zscoreGivesMeanZeroStdOneAndZeroesConstantFeatures() {
        Dataset d = correlated(2000, 1);
        ZScore z = ZScore.fit(d);
        float[] out = new float[d.x().length];
        z.apply(d.x(), d.size(), out);
        double[][] cov = covariance(out, d.size(), 4);
        for (int j = 0; j < 3; j++) assertEquals(1.0, cov[j][j], 1e-5, "variance of feature " + j);
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (int i = 0; i < d.size(); i++) mean += out[i * 4 + j];
            assertEquals(0.0, mean / d.size(), 1e-5, "mean of feature " + j);
        }
        for (int i = 0; i < d.size(); i++) assertEquals(0f, out[i * 4 + 3]);
        assertArrayEquals(new int[] {3}, z.constantFeatures());
        assertEquals(List.of("1 feature has zero standard deviation and is set to 0: feature index 3"), z.warnings());
    }

    @Test
    void minmaxHitsTheRangeExactlyOnTheTrainingData() {
        Dataset d = correlated(500, 2);
        MinMax m = MinMax.fit(d, -1, 1);
        float[] out = d.x().clone();
        m.apply(out, d.size(), out); // in place
        for (int j = 0; j < 3; j++) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (int i = 0; i < d.size(); i++) {
                lo = Math.min(lo, out[i * 4 + j]);
                hi = Math.max(hi, out[i * 4 + j]);
            }
            assertEquals(-1f, lo, 1e-6f);
            assertEquals(1f, hi, 1e-6f);
        }
        assertEquals(-1f, out[3]);
        assertEquals(1, m.warnings().size());
    }

    @Test
    void pcaWhiteningGivesIdentityCovariance() {
        Dataset d = correlated(4000, 3);
        // drop the constant feature: it has no variance to whiten
        float[] x3 = new float[d.size() * 3];
        for (int i = 0; i < d.size(); i++) System.arraycopy(d.x(), i * 4, x3, i * 3, 3);
        Dataset three = Dataset.classification("three", x3, 3, new int[d.size()], 1, null);
        PcaWhiten p = PcaWhiten.fit(three, 0, 1e-12);
        float[] out = new float[x3.length];
        p.apply(x3, three.size(), out);
        double[][] cov = covariance(out, three.size(), 3);
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) assertEquals(j == k ? 1.0 : 0.0, cov[j][k], 2e-6, "cov[" + j + "][" + k + "]");
        }
        double[] lambda = p.eigenvalues();
        assertTrue(lambda[0] >= lambda[1] && lambda[1] >= lambda[2] && lambda[2] > 0);
    }

    @Test
    void pcaKeepsTheLargestComponentsInPlace() {
        Dataset d = correlated(1000, 4);
        PcaWhiten p = PcaWhiten.fit(d, 2, 1e-5);
        assertEquals(2, p.outputSize());
        float[] separate = new float[d.size() * 2];
        p.apply(d.x(), d.size(), separate);
        float[] inPlace = d.x().clone();
        p.apply(inPlace, d.size(), inPlace);
        for (int i = 0; i < separate.length; i++) assertEquals(separate[i], inPlace[i], "value " + i);
        double[][] cov = covariance(separate, d.size(), 2);
        double[] lambda = p.eigenvalues();
        // with eps the whitened variance is λ/(λ+eps)
        for (int c = 0; c < 2; c++) assertEquals(lambda[c] / (lambda[c] + 1e-5), cov[c][c], 1e-6);
        assertEquals(0.0, cov[0][1], 1e-6);
        // 4 features, one constant: the total variance is that of the first three
        double[][] raw = covariance(d.x(), d.size(), 4);
        double all = 0;
        for (double v : new PcaWhitenAccess(d).all()) all += v;
        assertEquals(raw[0][0] + raw[1][1] + raw[2][2] + raw[3][3], all, 1e-3);
    }

    /** Fits all components to check the eigenvalues sum to the trace. */
    private record PcaWhitenAccess(Dataset d) {
        double[] all() {
            return PcaWhiten.fit(d, 0, 1e-5).eigenvalues();
        }
    }

    @Test
    void restoredPreprocessorsTransformIdentically() {
        Dataset d = correlated(300, 5);
        for (PreprocessSpec spec : List.of(PreprocessSpec.zscore(), PreprocessSpec.minmax(0, 1),
                PreprocessSpec.pcaWhiten(3, 1e-5), PreprocessSpec.none())) {
            Preprocessor fitted = Preprocessing.fit(spec, d);
            Preprocessor restored = Preprocessing.restore(fitted.kind(), fitted.state());
            float[] a = new float[d.x().length], b = new float[d.x().length];
            fitted.apply(d.x(), d.size(), a);
            restored.apply(d.x(), d.size(), b);
            assertArrayEquals(a, b, spec.toString());
        }
    }

    @Test
    void specParsesTheDslWords() {
        assertEquals(PreprocessSpec.minmax(-1, 1), PreprocessSpec.parse("minmax(-1, 1)"));
        assertEquals(PreprocessSpec.pcaWhiten(50, 1e-3), PreprocessSpec.parse("pca_whiten components=50 eps=1e-3"));
        assertEquals(PreprocessSpec.zscore(), PreprocessSpec.parse("zscore"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreprocessSpec.parse("zscor"));
        assertEquals("unknown preprocess 'zscor'; expected zscore, minmax(lo, hi), pca_whiten components=K eps=E or none",
                e.getMessage());
    }
}
