package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel classes hold no string their initialization does not read (the reason is in {@link KernelErrors}): a
 * message left in one of them is allocated on the training thread when the JIT first compiles one of its methods
 * with C2, in whatever step that happens. Reads each class file's constant pool with {@code javap}.
 */
class KernelStringsTest {
    /**
     * What the kernels read when they initialize: property names, their units, a thread name, field names, the JVM
     * options {@code HeapLayout} reads.
     */
    private static final Set<String> READ_AT_INIT = Set.of("castnet.vector", "jdk.incubator.vector",
            "castnet.kernel.stages", "castnet.threads.minWork", "castnet.threads.minColumnWork",
            "multiply-adds per thread", "castnet-kernel-", "castnet.threads", "castnet.threads.spinNanos",
            "nanoseconds", "busy", "pending", "offered", "UseG1GC", "G1HeapRegionSize");

    /** Classes whose strings are read only at initialization or on an error. */
    private static final Set<String> EXEMPT = Set.of("KernelSettings", "KernelErrors", "KernelErrors$Operand");

    private static final Pattern STRING = Pattern.compile("= String\\s+#\\d+\\s+// (.*)");

    @Test
    void kernelClassesHoldOnlyTheStringsTheirInitializationReads() throws Exception {
        Path classes = Path.of(DenseKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve("dev/castnet/runtime/kernel");
        assertTrue(Files.isDirectory(dir), "expected the compiled classes in a directory: " + dir);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length())).filter(n -> !EXEMPT.contains(n))
                    .sorted().forEach(names::add);
        }
        assertTrue(names.contains("DenseKernels") && names.contains("VectorDenseFloat")
                && names.contains("DenseFloat$ForwardStages"), "kernel classes found: " + names);
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        Set<String> unread = new TreeSet<>();
        for (String name : names) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = javap.run(new PrintWriter(out), new PrintWriter(err), "-v", "-cp", classes.toString(),
                    "dev.castnet.runtime.kernel." + name);
            assertEquals(0, status, () -> "javap " + name + ": " + err);
            Matcher m = STRING.matcher(out.toString());
            while (m.find()) {
                if (!READ_AT_INIT.contains(m.group(1))) unread.add(name + ": \"" + m.group(1) + "\"");
            }
        }
        assertEquals(Set.of(), unread, "strings in kernel classes that no initialization reads; build messages in"
                + " KernelErrors instead");
    }
}
