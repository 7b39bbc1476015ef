package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A conv and a recurrent network train to bitwise the same parameters and outputs on one kernel thread and on
 * two (convolutions, pooling, activations and the optimizer's update split across the team by rows), with the
 * Vector API kernels and with the plain ones. The thread count is fixed when the kernels load, so each count runs
 * in its own JVM.
 */
class ThreadCountTest {

    private static String run(int threads, boolean vector) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (vector) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of("-Dcastnet.threads=" + threads, "-Dcastnet.threads.minWork=1", "-cp",
                System.getProperty("java.class.path"), ThreadCountMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("threads=")).findFirst().orElse("");
        assertTrue(line.startsWith("threads=" + threads + " "), out);
        return line.substring(line.indexOf("digest="));
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() throws Exception {
        for (boolean vector : new boolean[] {true, false}) {
            assertEquals(run(1, vector), run(2, vector), vector ? "Vector API kernels" : "plain kernels");
        }
    }
}
