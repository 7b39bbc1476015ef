package dev.castnet.runtime.preprocess;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to fit: {@code none}, {@code zscore}, {@code minmax(lo, hi)} or {@code pca_whiten components=K eps=E}
 * ({@code components} 0 = all). {@link #parse} reads the same words as the {@code .nn} {@code preprocess}
 * statement, for the command line.
 *
 * @param kind the transform
 * @param lo where a min-max scaling maps each minimum
 * @param hi where a min-max scaling maps each maximum
 * @param components the directions PCA whitening keeps; 0 for all
 * @param eps added to each eigenvalue by PCA whitening
 */
public record PreprocessSpec(Kind kind, double lo, double hi, int components, double eps) {
    /** The transform. */
    public enum Kind {
        /** The identity. */
        NONE,
        /** (x − μ)/σ per feature. */
        ZSCORE,
        /** Linear per feature to [lo, hi]. */
        MINMAX,
        /** PCA whitening to {@code components} directions. */
        PCA_WHITEN
    }

    /** {@return no preprocessing} */
    public static PreprocessSpec none() {
        return new PreprocessSpec(Kind.NONE, 0, 0, 0, 0);
    }

    /** {@return z-score standardization per feature} */
    public static PreprocessSpec zscore() {
        return new PreprocessSpec(Kind.ZSCORE, 0, 0, 0, 0);
    }

    /**
     * Min-max scaling per feature to [lo, hi].
     *
     * @param lo where each feature's training minimum maps
     * @param hi where its maximum maps, above {@code lo}
     * @return the spec
     */
    public static PreprocessSpec minmax(double lo, double hi) {
        return new PreprocessSpec(Kind.MINMAX, lo, hi, 0, 0);
    }

    /**
     * PCA whitening.
     *
     * @param components the directions kept; 0 for all
     * @param eps added to each eigenvalue before the square root, positive
     * @return the spec
     */
    public static PreprocessSpec pcaWhiten(int components, double eps) {
        return new PreprocessSpec(Kind.PCA_WHITEN, 0, 0, components, eps);
    }

    private static final Pattern MINMAX = Pattern.compile("minmax\\s*\\(\\s*([^,\\s]+)\\s*,\\s*([^)\\s]+)\\s*\\)");
    private static final Pattern OPTION = Pattern.compile("(\\w+)\\s*=\\s*(\\S+)");

    /**
     * Parses {@code zscore}, {@code minmax(-1, 1)}, {@code pca_whiten components=50 eps=1e-5}, {@code none}.
     *
     * @param text the preprocessing as written after {@code preprocess}
     * @return the spec
     * @throws IllegalArgumentException for an unknown preprocessing or option
     */
    public static PreprocessSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("none")) return none();
            if (t.equals("zscore")) return zscore();
            if (t.equals("minmax")) return minmax(0, 1);
            Matcher m = MINMAX.matcher(t);
            if (m.matches()) return minmax(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
            if (t.startsWith("pca_whiten")) {
                int components = 0;
                double eps = 1e-5;
                Matcher o = OPTION.matcher(t.substring("pca_whiten".length()));
                while (o.find()) {
                    switch (o.group(1)) {
                        case "components" -> components = Integer.parseInt(o.group(2));
                        case "eps" -> eps = Double.parseDouble(o.group(2));
                        default -> throw new IllegalArgumentException("unknown pca_whiten option '" + o.group(1)
                                + "'; expected components=K or eps=E");
                    }
                }
                return pcaWhiten(components, eps);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in preprocess '" + text + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown preprocess '" + text + "'; expected zscore, minmax(lo, hi),"
                + " pca_whiten components=K eps=E or none");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case ZSCORE -> "zscore";
            case MINMAX -> "minmax(" + lo + ", " + hi + ")";
            case PCA_WHITEN -> "pca_whiten components=" + components + " eps=" + eps;
        };
    }
}
