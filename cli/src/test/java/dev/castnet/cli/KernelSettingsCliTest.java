package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad {@code -Dcastnet.*} kernel property, as {@code JAVA_OPTS} passes it, is one line naming the property and exit
 * code 2, before any command runs. The kernels read their properties once per JVM, so each case gets a child JVM.
 */
class KernelSettingsCliTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-Dcastnet.threads=abc | castnet: -Dcastnet.threads=abc: expected a whole number of threads from 1 to 256"
                + " (1 runs the kernels on the calling thread)",
        "-Dcastnet.threads.minWork=-5 | castnet: -Dcastnet.threads.minWork=-5: expected a whole number of"
                + " multiply-adds per thread, at least 1",
        "-Dcastnet.threads.minColumnWork=abc | castnet: -Dcastnet.threads.minColumnWork=abc: expected a whole number"
                + " of multiply-adds per thread, at least 1",
        "-Dcastnet.threads.spinNanos=1ms | castnet: -Dcastnet.threads.spinNanos=1ms: expected a whole number of"
                + " nanoseconds, at least 0",
        "-Dcastnet.kernel.stages=flase | castnet: -Dcastnet.kernel.stages=flase: expected true or false",
        "-Dcastnet.vector=no | castnet: -Dcastnet.vector=no: expected true or false",
    })
    void aBadKernelPropertyIsOneLineNamingIt(String property, String message) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(property);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version"));
        Process child = new ProcessBuilder(command).start();
        String err = read(child.getErrorStream()), out = read(child.getInputStream()); // a line at most: no blocking
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(2, child.exitValue(), err);
        assertEquals(message + "\n", err);
        assertEquals("", out);
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
