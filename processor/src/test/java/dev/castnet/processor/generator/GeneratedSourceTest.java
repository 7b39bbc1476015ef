package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.NetworkModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated source of {@code Small.nn} is checked in as {@code Small.java.txt} so a change to the emitted
 * code shows up in review. To accept a deliberate change, run with {@code -Dcastnet.updateGolden=true}.
 */
class GeneratedSourceTest {
    private static final String DIR = "dev/castnet/processor/generator/";

    @Test
    void smallNetworkSourceMatchesCheckedInSource() throws IOException {
        String spec = resource("Small.nn");
        List<GeneratedSource> sources = CodeGenerator.generate(TestSpecs.models("Small.nn", spec).get(0),
                GenerationOptions.spec());
        assertEquals(2, sources.size());
        assertEquals("dev.castnet.examples.Small", sources.get(0).qualifiedName());
        assertEquals("dev.castnet.examples.SmallInt8", sources.get(1).qualifiedName());
        for (GeneratedSource s : sources) {
            String file = s.qualifiedName().substring(s.qualifiedName().lastIndexOf('.') + 1) + ".java.txt";
            if (Boolean.getBoolean("castnet.updateGolden")) {
                Path target = Path.of(System.getProperty("castnet.root"), "processor", "src", "test", "resources", DIR,
                        file);
                Files.writeString(target, s.source(), StandardCharsets.UTF_8);
            }
            assertEquals(resource(file), s.source(), file);
        }
    }

    @Test
    void generationIsReproducible() {
        String spec = resourceUnchecked("Small.nn");
        NetworkModel model = TestSpecs.models("Small.nn", spec).get(0);
        String first = CodeGenerator.generate(model, GenerationOptions.spec()).get(0).source();
        String second = CodeGenerator.generate(TestSpecs.models("Small.nn", spec).get(0), GenerationOptions.spec())
                .get(0).source();
        assertEquals(first, second);
        assertTrue(first.contains("@Generated(\"dev.castnet.processor.CastnetProcessor\")"));
        assertTrue(first.contains(model.variants().get(0).fingerprint()), "header names the fingerprint");
        assertFalse(first.contains("import java.lang."), "java.lang imports are skipped");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GeneratedSourceTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) throw new IOException("missing test resource " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
