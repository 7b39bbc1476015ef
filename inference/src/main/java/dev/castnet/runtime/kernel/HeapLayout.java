package dev.castnet.runtime.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Arrays whose elements the vector kernels read in whole 64-byte cache lines. A 512-bit load that straddles two lines
 * costs about twice one that does not: on one thread, the one-sample forward pass of a 784 x 256 layer took 4.6 µs
 * against 6.1-7.3 µs, and its 64-row forward pass 155-173 µs against 173-211 µs (bench/README.md). Java says nothing
 * of where an array lies, and an ordinary array starts at any multiple of 8 bytes. But G1, the default collector,
 * gives an object larger than half a heap region regions of its own ("humongous"), so it starts on a region boundary,
 * and with HotSpot's 16-byte array header its element {@link DenseKernels#ALIGNED_FLOAT} (float) or {@link
 * DenseKernels#ALIGNED_DOUBLE} (double) starts a line. A large array is therefore grown past that size when it is at
 * least a quarter of it (an eighth of a region), and then takes a whole region of the heap: up to eight times its own
 * size (the Fashion MLP's 0.94 MB of parameters, gradients and Adam moments take 4 MB each with the 4 MB regions of a
 * 6 GB heap). Under other collectors, or other header sizes, arrays come out as they would anyway, and the kernels
 * compute the same bits wherever their operands lie.
 */
final class HeapLayout {
    private HeapLayout() {}

    /** Half a G1 region: G1 puts an object larger than this in regions of its own; 0 when G1 is not in use. */
    static final long HUMONGOUS_BYTES = humongousBytes();

    /** The array header before element 0, on 64-bit HotSpot with compressed class pointers (its default). */
    static final int HEADER_BYTES = 16;

    private static long humongousBytes() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) return 0;
            return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue()) / 2;
        } catch (RuntimeException | LinkageError e) {
            return 0; // not HotSpot, or no management module: arrays as they come
        }
    }

    /**
     * The length to allocate for {@code length} elements of {@code bytes} each: grown to one element more than half
     * a region when the array is at least a quarter of that, else {@code length}.
     */
    static int length(int length, int bytes) {
        return length(length, bytes, HUMONGOUS_BYTES);
    }

    /** {@link #length(int, int)} for regions of {@code 2 * half} bytes ({@code half} 0: not G1). */
    static int length(int length, int bytes, long half) {
        long size = HEADER_BYTES + (long) bytes * length;
        if (half == 0 || size > half || 4 * size < half) return length;
        return (int) ((half - HEADER_BYTES) / bytes + 1);
    }
}
