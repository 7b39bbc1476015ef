package dev.castnet.dsl.model;

/** How numbers are printed back as {@code .nn} text. */
public final class Numbers {
    private Numbers() {}

    /**
     * Text that reads back as exactly {@code v}: {@code 256} for 256.0, {@code 1e-5} for 1.0E-5, otherwise
     * Java's {@code Double.toString} (which round-trips).
     */
    public static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }
}
