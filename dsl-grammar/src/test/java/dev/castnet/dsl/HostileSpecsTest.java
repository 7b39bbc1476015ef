package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.NetworkModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input meant to hurt: huge files, random bytes, names that shadow the types generated code uses. */
class HostileSpecsTest {

    @Test
    void aHugeSpecIsRefusedBeforeParsing() {
        // 370,000 layers (5 MB): refused at the token that crosses the limit, not after parsing every line
        StringBuilder text = new StringBuilder("network N {\n  input 4\n");
        for (int i = 0; i < 370_000; i++) text.append("  dense 8; relu\n");
        text.append("  dense 3\n  softmax\n  loss cross_entropy\n  optimizer sgd\n}\n");
        SpecResult r = SpecLoader.parse("big.nn", text.toString());
        assertEquals(List.of("big.nn:40001:12: the spec is too large to be a network: more than 200000 tokens (words, "
                + "numbers and symbols), while a network expands to at most 10000 layers"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertTrue(r.networks().isEmpty());
    }

    @Test
    void randomBytesGiveAtMostFiftyDiagnosticsAndACount() {
        byte[] bytes = new byte[20_000];
        new Random(13).nextBytes(bytes);
        SpecResult r = SpecLoader.parse("random.nn", new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        List<Diagnostic> d = r.diagnostics();
        assertEquals(SpecLoader.MAX_DIAGNOSTICS + 1, d.size());
        Diagnostic last = d.get(d.size() - 1);
        assertTrue(last.message().matches("\\d+ more errors not shown; fix the ones above first"), last.toString());
        for (Diagnostic x : d) {
            assertEquals(Text.printable(x.message()), x.message());
            assertFalse(x.message().chars().anyMatch(c -> c < 0x20 && c != '\t'), x.toString());
        }
    }

    @Test
    void namesOfTypesTheGeneratedCodeUsesAreFineNetworkNames() {
        // the generator names every type it uses unambiguously, so these validate (and generate, see the processor's
        // tests): the imported ones side by side, java.lang's each alone in its package
        StringBuilder text = new StringBuilder("package com.example.nets;\n");
        List<String> names = List.of("TrainableNetwork", "Parameters", "TensorTable", "Rng", "DenseLayer",
                "DenseKernels", "Arrays", "Generated");
        for (String n : names) text.append("network ").append(n).append(BODY);
        SpecResult r = SpecLoader.parse("names.nn", text.toString());
        assertEquals(List.of(), r.diagnostics());
        assertEquals(names, r.networks().stream().map(NetworkModel::name).toList());
        for (String n : List.of("Object", "String", "Math", "Double", "Float", "Override", "System", "Integer")) {
            SpecResult alone = SpecLoader.parse(n + ".nn", "package com.example." + n.toLowerCase(java.util.Locale.ROOT)
                    + "s;\nnetwork " + n + BODY);
            assertEquals(List.of(), alone.diagnostics(), n);
            assertEquals(1, alone.networks().size(), n);
        }
    }

    private static final String BODY = " {\n  input 4\n  dense 3\n  softmax\n  loss cross_entropy\n  optimizer sgd\n}\n";

    @Test
    void printableEscapesControlsAndInvisibleCharactersOnly() {
        assertEquals("a\\u001B[31mb\\u0007", Text.printable("a\u001B[31mb\u0007"));
        assertEquals("right-to-left \\u202E override, zero width \\u200B, BOM \\uFEFF, DEL \\u007F, C1 \\u009B",
                Text.printable("right-to-left \u202E override, zero width \u200B, BOM \uFEFF, DEL \u007F, C1 \u009B"));
        assertEquals("lone surrogate \\uD800!", Text.printable("lone surrogate \uD800!"));
        String kept = "two lines\n\tindented, C:\\path, caf\u00e9, \u65e5\u672c, emoji \uD83D\uDE00";
        assertEquals(kept, Text.printable(kept));
        assertEquals("abc...", Text.abbreviate("abcdef", 3));
    }
}
