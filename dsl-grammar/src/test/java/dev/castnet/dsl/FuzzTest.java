package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Diagnostic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mutations of valid specs: whatever the text, the loader returns (quickly) and every problem is a positioned
 * diagnostic; no exception escapes, no internal error is reported. The time limit only guards against hangs.
 */
class FuzzTest {
    private static final int CASES = 5000;
    private static final Pattern TOKEN =
            Pattern.compile("\\s+|//[^\\n]*|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9x.eE]*(?:[eE][+-]?[0-9]+)?|.", Pattern.DOTALL);
    private static final String[] HOSTILE = {"1e400", "-1e400", "99999999999999999999", "1e-400", "0", "-1",
            "2147483648", "9223372036854775808", "1e999999999", "1e2147483648", "0.0000000000000000000001",
            "4294967296x4294967296x2", "99999x99999x99999", "NaN", "{", "}", "(", ")", "[", "]", "=", ";", "..", ",",
            "repeat", "param", "search", "train", "network", "package", "castnet", "dropout[99999999999]",
            "\u0000", "\uFFFD", "\u00e9", "\t", "\r", "\r\n", "/*", "*/", "//", "x", "1x", "0x1F", "..1..2"};

    @Test
    void mutatedSpecsNeverThrowAndOnlyGivePositionedDiagnostics() {
        List<String[]> seeds = Specs.allValid();
        Random random = new Random(20260426L);
        for (int i = 0; i < CASES; i++) {
            String[] seed = seeds.get(random.nextInt(seeds.size()));
            String text = mutate(seed[1], random);
            String label = "case " + i + " from " + seed[0];
            SpecResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SpecLoader.parse("fuzz.nn", text),
                    label);
            check(r, text, label);
        }
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String[] texts = {
            "network N {\n" + "repeat 2 {\n".repeat(5000) + "}".repeat(5000) + "\n}",
            "network N {\ninput 4\ndense 3 init=" + "uniform(".repeat(100_000) + "\n}",
            "network N {\n" + "repeat 1000 {\n".repeat(40) + "dense 1\n" + "}\n".repeat(40) + "}",
            "network N {\n" + "repeat 1000 {\n".repeat(40) + "}\n".repeat(40) + "}",
            "network N {\n" + "x ".repeat(200_000) + "\n}",
            "{".repeat(100_000),
        };
        for (String text : texts) {
            SpecResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SpecLoader.parse("fuzz.nn", text));
            check(r, text, text.substring(0, 40));
            assertTrue(r.hasErrors());
        }
    }

    private static void check(SpecResult r, String text, String label) {
        assertNotNull(r, label);
        int lines = text.split("\r\n|\r|\n", -1).length;
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.pos().file().equals("fuzz.nn"), label + ": " + d);
            assertTrue(d.pos().line() >= 1 && d.pos().line() <= lines + 1, label + ": " + d);
            assertTrue(d.pos().column() >= 1, label + ": " + d);
            assertFalse(d.message().isBlank(), label);
            assertFalse(d.message().contains("internal error"), label + ": " + d + "\n" + text);
            // control bytes of the input are shown escaped, never echoed to the terminal
            assertEquals(Text.printable(d.message()), d.message(), label);
        }
        assertTrue(r.diagnostics().size() <= SpecLoader.MAX_DIAGNOSTICS + 1, label + ": " + r.diagnostics().size());
        if (r.hasErrors()) assertTrue(r.errors().size() > 0, label);
    }

    static String mutate(String text, Random random) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) tokens.add(m.group());
        int mutations = 1 + random.nextInt(3);
        for (int k = 0; k < mutations && !tokens.isEmpty(); k++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(9)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(at));
                case 2 -> {
                    int other = random.nextInt(tokens.size());
                    String t = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                }
                case 3 -> {
                    StringBuilder junk = new StringBuilder();
                    for (int j = 1 + random.nextInt(6); j > 0; j--) junk.append((char) random.nextInt(256));
                    tokens.add(at, junk.toString());
                }
                case 4 -> tokens.set(at, HOSTILE[random.nextInt(HOSTILE.length)]);
                case 5 -> {
                    int depth = 1 + random.nextInt(80);
                    tokens.add(at, "repeat 2 {\n".repeat(depth) + "dense 1\n" + "}\n".repeat(depth));
                }
                case 6 -> {
                    int depth = 1 + random.nextInt(80);
                    tokens.add(at, "choice(".repeat(depth) + "1" + ")".repeat(random.nextInt(depth + 1)));
                }
                case 7 -> {
                    List<String> truncated = new ArrayList<>(tokens.subList(0, at));
                    tokens.clear();
                    tokens.addAll(truncated);
                }
                default -> {
                    // a number token replaced by another number form
                    if (tokens.get(at).matches("[0-9].*")) tokens.set(at, HOSTILE[random.nextInt(12)]);
                    else tokens.add(at, " ");
                }
            }
        }
        return String.join("", tokens);
    }
}
