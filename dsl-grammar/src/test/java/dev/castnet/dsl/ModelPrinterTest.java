package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.SourcePos;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A resolved network printed with its defaults written out validates back to the same network. */
class ModelPrinterTest {
    /** What depends on the spec's text or name rather than on the network it describes. */
    private static final Set<String> IDENTITY = Set.of("name", "className", "packageName", "specFile", "fingerprint",
            "bindings", "search");

    static Stream<String[]> specs() {
        return Specs.allValid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void printedModelResolvesToTheSameModel(String name, String text) throws Exception {
        for (var model : SpecLoader.parse(name, text).networks()) {
            for (Network n : model.variants()) {
                String printed = SpecPrinter.print(n);
                SpecResult again = SpecLoader.parse("printed.nn", printed);
                assertEquals(List.of(), again.diagnostics(), printed);
                Network m = again.networks().get(0).variants().get(0);
                assertEquals(n.className(), m.className());
                assertEquals(normalize(n), normalize(m), printed);
                assertEquals(printed, SpecPrinter.print(m));
                if (n.search() != null) {
                    List<Object> live = new ArrayList<>();
                    for (Search.Dimension d : n.search().dimensions()) if (!d.structural()) live.add(normalize(d));
                    List<Object> back = new ArrayList<>();
                    if (m.search() != null) for (Search.Dimension d : m.search().dimensions()) back.add(normalize(d));
                    assertEquals(live, back, printed);
                }
            }
        }
    }

    /** Records as maps of their components, positions left out. */
    private static Object normalize(Object o) throws Exception {
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object x : list) out.add(normalize(x));
            return out;
        }
        if (o == null || o instanceof Shape || !o.getClass().isRecord()) return o; // Shape compares its dims
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : o.getClass().getRecordComponents()) {
            if (c.getType() == SourcePos.class) continue;
            if (o instanceof Network && IDENTITY.contains(c.getName())) continue;
            out.put(c.getName(), normalize(c.getAccessor().invoke(o)));
        }
        return out;
    }
}
