package dev.castnet.runtime.kernel;

/**
 * The kernels' {@code -Dcastnet.*} JVM properties, read when the kernel classes initialize, and what else the
 * kernels learn about the JVM then. A property that is not set takes its default; a value that is not what the
 * property expects is an {@link IllegalArgumentException} that names the property and says what it takes, never a
 * silent fallback to the default. The strings the kernels would otherwise hold unread live here (see
 * {@link KernelErrors} for why).
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

    /**
     * {@return which kernels run}: {@code "plain Java loops"} or the vector shape, e.g. {@code "jdk.incubator.vector,
     * 512-bit (16 floats, 8 doubles)"}.
     *
     * @param vector whether the vector kernels run; true needs the {@code jdk.incubator.vector} module
     */
    static String implementation(boolean vector) {
        if (!vector) return "plain Java loops";
        return "jdk.incubator.vector, " + VectorDenseFloat.bits() + "-bit (" + VectorDenseFloat.lanes() + " floats, "
                + VectorDenseDouble.lanes() + " doubles)";
    }

    /** {@return whether the JVM runs on x86} ({@code os.arch}), whose vector registers number 16 below AVX-512. */
    static boolean x86() {
        return System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");
    }
}
