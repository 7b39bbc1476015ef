package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel choice is made once per JVM, so each configuration gets a child JVM of its own. */
class KernelChoiceTest {

    /** Child entry point: prints the implementation after checking one small layer against the triple loops. */
    public static void main(String[] args) {
        Reference.checkFloat(Impl.DISPATCH, 5, 7, 83, true, 9);
        System.out.println(DenseKernels.implementation());
    }

    @Test
    void defaultJvmUsesPlainLoops() throws Exception {
        assertEquals("plain Java loops", child());
    }

    @Test
    void vectorModuleSelectsVectorKernels() throws Exception {
        assertEquals(KernelSettings.implementation(true), child("--add-modules", "jdk.incubator.vector"));
    }

    @Test
    void propertyForcesPlainLoopsEvenWithTheModule() throws Exception {
        assertEquals("plain Java loops", child("--add-modules", "jdk.incubator.vector", "-Dcastnet.vector=false"));
    }

    private static String child(String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelChoiceTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "child JVM failed: " + command + "\n" + out);
        return out;
    }
}
