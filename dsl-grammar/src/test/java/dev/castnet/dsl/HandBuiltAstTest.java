package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.dsl.validate.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotation processor builds trees by hand and validates them with the same rules. */
class HandBuiltAstTest {
    private static final SourcePos P = new SourcePos("FashionMlp.java", 12, 5);

    private static SpecFile file(Statement... body) {
        return new SpecFile("FashionMlp.java", null, "com.example",
                List.of(new NetworkDecl("FashionMlpNet", List.of(body), P)), P);
    }

    @Test
    void handBuiltTreeValidatesLikeParsedText() {
        SpecFile f = file(
                Statement.of(P, "input", Value.num(P, 784)),
                Statement.of(P, "dense", List.of(Value.num(P, 256)),
                        List.of(Option.of(P, "init", Value.word(P, "he_uniform")))),
                Statement.of(P, "relu"),
                Statement.of(P, "dropout", Value.num(P, 0.5)),
                Statement.of(P, "dense", Value.num(P, 10)),
                Statement.of(P, "softmax"),
                Statement.of(P, "loss", Value.word(P, "cross_entropy")),
                Statement.of(P, "optimizer", List.of(Value.word(P, "adam")),
                        List.of(Option.of(P, "lr", Value.num(P, 1e-3)))));
        SpecResult r = Validator.validate(f);
        assertEquals(List.of(), r.diagnostics());
        var n = r.networks().get(0).variants().get(0);
        assertEquals("FashionMlpNet", n.className());
        assertEquals(0.5, ((Layer.Dropout) n.layers().get(2)).p());
        assertEquals(0.001, n.optimizer().lr());
        // the same tree printed and parsed gives the same fingerprint
        SpecResult again = SpecLoader.parse("FashionMlp.java", SpecPrinter.print(f));
        assertEquals(n.fingerprint(), again.networks().get(0).variants().get(0).fingerprint());
    }

    @Test
    void errorsPointAtTheElementPositionsGiven() {
        SourcePos dropoutPos = new SourcePos("FashionMlp.java", 14, 9);
        SpecFile f = file(
                Statement.of(P, "input", Value.num(P, 784)),
                Statement.of(P, "dense", Value.num(P, 10)),
                Statement.of(P, "dropout", Value.num(dropoutPos, 1.5)),
                Statement.of(P, "softmax"),
                Statement.of(P, "loss", Value.word(P, "cross_entropy")),
                Statement.of(P, "optimizer", Value.word(P, "sgd")));
        SpecResult r = Validator.validate(f);
        assertEquals(List.of(Diagnostic.error(dropoutPos, "dropout probability must be in [0, 1), got 1.5")),
                r.diagnostics());
    }
}
