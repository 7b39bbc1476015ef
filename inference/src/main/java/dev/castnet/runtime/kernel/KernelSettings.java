package dev.castnet.runtime.kernel;

/**
 * The kernels' {@code -Dcastnet.*} JVM properties, read when the kernel classes initialize. A property that is not
 * set takes its default; a value that is not what the property expects is an {@link IllegalArgumentException} that
 * names the property and says what it takes, never a silent fallback to the default.
 */
final class KernelSettings {
    private KernelSettings() {}

    /**
     * {@code -Dname=true|false} (either case), or {@code fallback} when the property is not set.
     *
     * @param name the property
     * @param fallback its value when not set
     * @return the property's value
     * @throws IllegalArgumentException when the value is neither {@code true} nor {@code false}
     */
    static boolean flag(String name, boolean fallback) {
        String value = System.getProperty(name);
        if (value == null) return fallback;
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("-D" + name + "=" + value + ": expected true or false");
    }

    /**
     * {@code -Dname=N}, a whole number of at least {@code min}, or {@code fallback} when the property is not set.
     *
     * @param name the property
     * @param fallback its value when not set
     * @param min the least value it takes
     * @param unit what the number counts, for the message
     * @return the property's value
     * @throws IllegalArgumentException when the value is not a whole number of at least {@code min}
     */
    static long whole(String name, long fallback, long min, String unit) {
        String value = System.getProperty(name);
        if (value == null) return fallback;
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min) {
            throw new IllegalArgumentException("-D" + name + "=" + value + ": expected a whole number of " + unit
                    + ", at least " + min);
        }
        return n;
    }
}
