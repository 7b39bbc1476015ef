package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs in the surefire execution without {@code --add-modules jdk.incubator.vector} (see runtime/pom.xml), so the
 * team splits the plain loops, whose input gradient pairs batch rows: split results must be bitwise those of one
 * thread here too.
 */
class KernelTeamWithoutVectorModuleTest {

    @Test
    void plainLoopsSplitBitwiseLikeOneThread() {
        assertFalse(DenseKernels.VECTOR, "this execution must run the plain loops");
        KernelTeam[] teams = {new KernelTeam(2, 1, "castnet-kernel-plain2-"), new KernelTeam(3, 1, "castnet-kernel-plain3-")};
        try {
            long seed = 1;
            for (KernelTeam team : teams) {
                for (int[] s : TeamCheck.SIZES) {
                    TeamCheck.checkFloat(team, s[0], s[1], s[2], seed % 3 != 0, seed);
                    TeamCheck.checkDouble(team, s[0], s[1], s[2], seed % 3 != 0, seed);
                    seed++;
                }
                assertTrue(team.chunksRunByWorkers() > 0 || team.workerThreads().length > 0, "the team never split");
            }
        } finally {
            for (KernelTeam team : teams) team.close();
        }
    }
}
