package dev.castnet.dsl.parser;

import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Parse tree → AST: the whole tree when it has no syntax errors, else the parts they did not touch. */
final class AstBuilder extends CastnetNNBaseVisitor<Object> {
    private final String file;

    AstBuilder(String file) {
        this.file = file;
    }

    /** The header, package and networks that no syntax error touched. */
    SpecFile intact(CastnetNNParser.FileContext ctx, List<Diagnostic> errors) {
        Value.Num version = ctx.header() != null && clean(ctx.header(), errors) ? number(ctx.header().number()) : null;
        String pkg = ctx.packageDecl() != null && clean(ctx.packageDecl(), errors)
                ? packageName(ctx.packageDecl()) : "";
        List<NetworkDecl> nets = new ArrayList<>();
        for (CastnetNNParser.NetworkContext n : ctx.network()) {
            if (clean(n, errors)) nets.add(network(n));
        }
        return new SpecFile(file, version, pkg, nets, new SourcePos(file, 1, 1));
    }

    /** No error node, no recovered rule, no conjured token and no reported error inside {@code ctx}. */
    private static boolean clean(ParserRuleContext ctx, List<Diagnostic> errors) {
        if (ctx.exception != null || ctx.start == null || ctx.stop == null || ctx.stop.getTokenIndex() < 0
                || ctx.stop.getTokenIndex() < ctx.start.getTokenIndex()) {
            return false;
        }
        for (Diagnostic d : errors) {
            if (after(d, ctx.start) && !after(d, ctx.stop, ctx.stop.getText().length())) return false;
        }
        for (int i = 0; i < ctx.getChildCount(); i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof ErrorNode) return false;
            if (child instanceof TerminalNode t && t.getSymbol().getTokenIndex() < 0) return false;
            if (child instanceof ParserRuleContext r && !clean(r, List.of())) return false;
        }
        return true;
    }

    private static boolean after(Diagnostic d, Token t) {
        return after(d, t, 0);
    }

    /** Whether {@code d} is at or after the position {@code offset} characters past the start of {@code t}. */
    private static boolean after(Diagnostic d, Token t, int offset) {
        int line = d.pos().line();
        int column = d.pos().column() - 1;
        return line > t.getLine() || (line == t.getLine() && column >= t.getCharPositionInLine() + offset);
    }

    SpecFile file(CastnetNNParser.FileContext ctx) {
        Value.Num version = ctx.header() == null ? null : number(ctx.header().number());
        String pkg = "";
        if (ctx.packageDecl() != null) pkg = packageName(ctx.packageDecl());
        List<NetworkDecl> nets = new ArrayList<>();
        for (CastnetNNParser.NetworkContext n : ctx.network()) nets.add(network(n));
        return new SpecFile(file, version, pkg, nets, new SourcePos(file, 1, 1));
    }

    private static String packageName(CastnetNNParser.PackageDeclContext ctx) {
        StringBuilder b = new StringBuilder();
        for (CastnetNNParser.NameContext id : ctx.qualifiedName().name()) {
            if (b.length() > 0) b.append('.');
            b.append(id.getText());
        }
        return b.toString();
    }

    private NetworkDecl network(CastnetNNParser.NetworkContext n) {
        return new NetworkDecl(n.IDENT().getText(), block(n.block()), pos(n.IDENT().getSymbol()));
    }

    private List<Statement> block(CastnetNNParser.BlockContext ctx) {
        List<Statement> out = new ArrayList<>();
        for (CastnetNNParser.StatementContext s : ctx.statement()) out.add(statement(s));
        return out;
    }

    private Statement statement(CastnetNNParser.StatementContext ctx) {
        int index = -1;
        if (ctx.index() != null) {
            try {
                index = Integer.parseInt(ctx.index().NUMBER().getText());
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE; // not a valid index; the validator reports it as out of range
            }
        }
        List<Value> args = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (CastnetNNParser.ItemContext item : ctx.item()) {
            if (item instanceof CastnetNNParser.OptionItemContext o) {
                options.add(new Option(o.name().getText(), value(o.value()), pos(o.name())));
            } else {
                args.add(value(((CastnetNNParser.ArgItemContext) item).value()));
            }
        }
        List<Statement> block = ctx.block() == null ? null : block(ctx.block());
        return new Statement(ctx.IDENT().getText(), index, args, options, block, pos(ctx.IDENT().getSymbol()));
    }

    private Value value(CastnetNNParser.ValueContext ctx) {
        if (ctx instanceof CastnetNNParser.NumberValueContext n) return number(n.number());
        if (ctx instanceof CastnetNNParser.WordValueContext w) {
            return new Value.Word(w.name().getText(), pos(w.name()));
        }
        if (ctx instanceof CastnetNNParser.DimsValueContext d) {
            return new Value.Dims(d.DIMS().getText(), pos(d.DIMS().getSymbol()));
        }
        if (ctx instanceof CastnetNNParser.RangeValueContext r) {
            return new Value.Range(number(r.number(0)), number(r.number(1)), pos(r));
        }
        CastnetNNParser.CallValueContext c = (CastnetNNParser.CallValueContext) ctx;
        List<Value> args = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (CastnetNNParser.CallItemContext item : c.callItem()) {
            if (item instanceof CastnetNNParser.CallOptionContext o) {
                options.add(new Option(o.name().getText(), value(o.value()), pos(o.name())));
            } else {
                args.add(value(((CastnetNNParser.CallArgContext) item).value()));
            }
        }
        return new Value.Call(c.name().getText(), args, options, pos(c.name()));
    }

    private Value.Num number(CastnetNNParser.NumberContext ctx) {
        String text = ctx.NUMBER().getText();
        if (ctx.MINUS() != null) text = "-" + text;
        return new Value.Num(text, pos(ctx));
    }

    private SourcePos pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    private SourcePos pos(Token t) {
        return SpecParser.pos(file, t);
    }
}
