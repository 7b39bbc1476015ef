package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Helpers over the tree. */
public final class Ast {
    private Ast() {}

    /** The same tree with every position replaced by {@code file:0:0}, to compare trees as text would. */
    public static SpecFile withoutPositions(SpecFile f) {
        SourcePos p = SourcePos.unknown(f.file());
        List<NetworkDecl> nets = new ArrayList<>();
        for (NetworkDecl n : f.networks()) nets.add(new NetworkDecl(n.name(), strip(n.body(), p), p));
        return new SpecFile(f.file(), f.version() == null ? null : new Value.Num(f.version().text(), p),
                f.packageName(), nets, p);
    }

    private static List<Statement> strip(List<Statement> body, SourcePos p) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : body) {
            out.add(new Statement(s.keyword(), s.index(), stripValues(s.args(), p), stripOptions(s.options(), p),
                    s.block() == null ? null : strip(s.block(), p), p));
        }
        return out;
    }

    private static List<Option> stripOptions(List<Option> options, SourcePos p) {
        List<Option> out = new ArrayList<>();
        for (Option o : options) out.add(new Option(o.key(), o.value() == null ? null : strip(o.value(), p), p));
        return out;
    }

    private static List<Value> stripValues(List<Value> values, SourcePos p) {
        List<Value> out = new ArrayList<>();
        for (Value v : values) out.add(strip(v, p));
        return out;
    }

    private static Value strip(Value v, SourcePos p) {
        if (v instanceof Value.Num n) return new Value.Num(n.text(), p);
        if (v instanceof Value.Word w) return new Value.Word(w.name(), p);
        if (v instanceof Value.Dims d) return new Value.Dims(d.text(), p);
        if (v instanceof Value.Range r) {
            return new Value.Range(new Value.Num(r.lo().text(), p), new Value.Num(r.hi().text(), p), p);
        }
        Value.Call c = (Value.Call) v;
        return new Value.Call(c.name(), stripValues(c.args(), p), stripOptions(c.options(), p), p);
    }
}
