package dev.castnet.runtime.kernel;

/**
 * Work over rows that a {@link KernelTeam} can split: {@link #rows} computes output rows {@code [r0, r1)} and
 * nothing else. Implementations are preallocated objects holding the call's operands in fields, so handing a call
 * to the team allocates nothing; each row must come out the same whichever range holds it (ranges start at
 * multiples of {@link KernelTeam#ALIGN}), which keeps results bitwise identical across thread counts.
 */
public interface RowTask {
    /**
     * Computes rows {@code [r0, r1)}.
     *
     * @param r0 the first row
     * @param r1 the row after the last
     */
    void rows(int r0, int r1);
}
