package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.castnet.dsl.ast.Ast;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.parser.SpecParser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<String[]> specs() {
        return Specs.allValid().stream();
    }

    private static SpecFile parse(String name, String text) {
        SpecParser.Result r = SpecParser.parse(name, text);
        assertEquals(List.of(), r.diagnostics(), text);
        assertNotNull(r.file());
        return r.file();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void printedSpecParsesToTheSameTree(String name, String text) {
        SpecFile original = parse(name, text);
        String printed = SpecPrinter.print(original);
        SpecFile reparsed = parse(name, printed);
        assertEquals(Ast.withoutPositions(original), Ast.withoutPositions(reparsed), printed);
        // canonical: printing again changes nothing
        assertEquals(printed, SpecPrinter.print(reparsed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void printedSpecResolvesToTheSameNetworks(String name, String text) {
        SpecResult a = SpecLoader.parse(name, text);
        SpecResult b = SpecLoader.parse(name, SpecPrinter.print(parse(name, text)));
        assertEquals(a.networks().size(), b.networks().size());
        for (int i = 0; i < a.networks().size(); i++) {
            var va = a.networks().get(i).variants();
            var vb = b.networks().get(i).variants();
            assertEquals(va.size(), vb.size());
            for (int j = 0; j < va.size(); j++) {
                // positions differ; what the generator consumes does not
                assertEquals(va.get(j).fingerprint(), vb.get(j).fingerprint());
                assertEquals(va.get(j).className(), vb.get(j).className());
                assertEquals(va.get(j).layers().size(), vb.get(j).layers().size());
            }
        }
    }
}
