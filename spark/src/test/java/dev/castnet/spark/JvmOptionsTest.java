package dev.castnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** spark/jvm.options, which ./castnet and the tests give the driver's JVM, is Spark's own list for this version. */
class JvmOptionsTest {
    @Test
    void theDriversJavaOptionsAreSparksForThisVersion() throws IOException {
        List<String> lines = Files.readAllLines(Cli.root().resolve("spark/jvm.options"));
        Set<String> ours = new TreeSet<>();
        for (String line : lines) {
            String option = line.replaceAll("#.*", "").strip();
            if (!option.isEmpty()) ours.add(option);
        }
        assertEquals(new TreeSet<>(List.of(JavaModuleOptions.defaultModuleOptionArray())), ours,
                "update spark/jvm.options from org.apache.spark.launcher.JavaModuleOptions");
    }
}
