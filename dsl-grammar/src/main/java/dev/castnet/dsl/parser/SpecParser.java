package dev.castnet.dsl.parser;

import dev.castnet.dsl.Text;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.dsl.validate.Message;
import dev.castnet.dsl.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Text → {@link SpecFile}. Syntax errors are collected (all of them, 1-based columns) instead of printed;
 * when there are any, {@code file} is null and {@code intact} holds the networks the errors did not touch, so
 * their validation errors can be reported in the same run. ANTLR types stay inside this package.
 */
public final class SpecParser {
    /** Deeper nesting than this is refused before parsing, so hostile input cannot exhaust the stack. */
    static final int MAX_NESTING = 64;
    /**
     * More tokens than this are refused before parsing: parsing takes a few microseconds a token, so a
     * multi-megabyte file would take seconds only to be refused by the validator's layer limit. The largest
     * network the validator accepts ({@link Validator#MAX_LAYERS} layers, each a statement of a handful of
     * tokens such as {@code batchnorm momentum=0.1 eps=1e-5}) stays well below it.
     */
    static final int MAX_TOKENS = 20 * Validator.MAX_LAYERS;
    /** Echoed tokens longer than this are cut (a 70,000-character name would fill the screen). */
    private static final int MAX_ECHO = 40;

    private SpecParser() {}

    /**
     * The tree (null when there were syntax errors), the networks without syntax errors (the whole tree when
     * there were none; null when nothing could be read) and the syntax errors.
     */
    public record Result(SpecFile file, SpecFile intact, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Result parse(String fileName, String text) {
        List<Diagnostic> errors = new ArrayList<>();
        Listener listener = new Listener(fileName, errors);
        // Some editors start UTF-8 files with a byte-order mark; it is invisible, so columns ignore it.
        if (text.startsWith("\uFEFF")) text = text.substring(1);

        CastnetNNLexer lexer = new CastnetNNLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        List<Token> lexed = lex(lexer, fileName, errors);
        if (lexed == null) return new Result(null, null, errors);
        CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(lexed, fileName));
        tokens.fill();
        if (!checkTokens(fileName, tokens, errors)) return new Result(null, null, errors);

        CastnetNNParser parser = new CastnetNNParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        CastnetNNParser.FileContext tree = parser.file();
        if (!errors.isEmpty()) {
            SpecFile intact;
            try {
                intact = new AstBuilder(fileName).intact(tree, errors);
            } catch (RuntimeException e) {
                intact = null; // a tree broken in a way the checks did not foresee: report the syntax errors only
            }
            return new Result(null, intact, errors);
        }
        SpecFile file = new AstBuilder(fileName).file(tree);
        return new Result(file, file, errors);
    }

    /** Every token up to end of file, or null (after reporting) when there are more than {@link #MAX_TOKENS}. */
    private static List<Token> lex(CastnetNNLexer lexer, String fileName, List<Diagnostic> errors) {
        List<Token> tokens = new ArrayList<>();
        int significant = 0;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            tokens.add(t);
            if (t.getType() == Token.EOF) return tokens;
            if (t.getChannel() == Token.DEFAULT_CHANNEL && ++significant > MAX_TOKENS) {
                errors.add(Diagnostic.error(pos(fileName, t),
                        Message.TOO_LARGE.format(MAX_TOKENS, Validator.MAX_LAYERS)));
                return null;
            }
        }
    }

    /** Unterminated comments and excessive nesting; false when parsing should not be attempted. */
    private static boolean checkTokens(String fileName, CommonTokenStream tokens, List<Diagnostic> errors) {
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case CastnetNNLexer.BLOCK_COMMENT -> {
                    if (!t.getText().endsWith("*/") || t.getText().length() < 4) {
                        errors.add(Diagnostic.error(pos(fileName, t), Message.UNTERMINATED_COMMENT.format()));
                        return false;
                    }
                }
                case CastnetNNLexer.LBRACE, CastnetNNLexer.LPAREN, CastnetNNLexer.LBRACK -> {
                    if (++depth > MAX_NESTING) {
                        errors.add(Diagnostic.error(pos(fileName, t), Message.TOO_DEEP.format(MAX_NESTING)));
                        return false;
                    }
                }
                case CastnetNNLexer.RBRACE, CastnetNNLexer.RPAREN, CastnetNNLexer.RBRACK -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
        return true;
    }

    static SourcePos pos(String file, Token t) {
        return new SourcePos(file, t.getLine(), t.getCharPositionInLine() + 1);
    }

    private static final class Listener extends BaseErrorListener {
        private final String file;
        private final List<Diagnostic> errors;

        Listener(String file, List<Diagnostic> errors) {
            this.file = file;
            this.errors = errors;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String msg, RecognitionException e) {
            String message = readable(msg);
            if (recognizer instanceof Parser parser && offendingSymbol instanceof Token t) {
                message = Message.SYNTAX_UNEXPECTED.format(describe(t), expected(parser));
            }
            // the text may hold terminal control bytes from the file: they are shown, not sent to the terminal
            errors.add(Diagnostic.error(new SourcePos(file, line, charPositionInLine + 1), Text.printable(message)));
        }
    }

    private static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of file";
            case CastnetNNLexer.NL -> "end of line";
            default -> "'" + Text.abbreviate(t.getText(), MAX_ECHO) + "'";
        };
    }

    /** "; expected a name, '}' or end of line", from the parser's state at the error. */
    private static String expected(Parser parser) {
        IntervalSet set;
        try {
            set = parser.getExpectedTokens();
        } catch (RuntimeException e) {
            return "";
        }
        List<String> names = new ArrayList<>();
        boolean name = set.contains(CastnetNNLexer.IDENT);
        for (int type : set.toList()) {
            if (name && (type == CastnetNNLexer.CASTNET || type == CastnetNNLexer.NETWORK
                    || type == CastnetNNLexer.PACKAGE)) {
                continue;
            }
            String n = switch (type) {
                case Token.EOF -> "end of file";
                case CastnetNNLexer.NL -> "end of line";
                case CastnetNNLexer.IDENT -> "a name";
                case CastnetNNLexer.NUMBER -> "a number";
                case CastnetNNLexer.DIMS -> "a shape HxWxC";
                default -> parser.getVocabulary().getLiteralName(type);
            };
            if (n != null && !names.contains(n)) names.add(n);
        }
        if (names.isEmpty() || names.size() > 8) return "";
        if (names.size() == 1) return "; expected " + names.get(0);
        return "; expected " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1);
    }

    /** ANTLR's messages with token names a user knows. */
    static String readable(String msg) {
        String m = msg;
        if (m.startsWith("token recognition error at: ")) {
            return Message.UNEXPECTED_CHARACTER.format(m.substring("token recognition error at: ".length()));
        }
        m = m.replace("<EOF>", "end of file")
                .replace("'\\r\\n'", "end of line").replace("'\\n'", "end of line").replace("'\\r'", "end of line")
                .replace("NL", "end of line")
                .replace("IDENT", "a name").replace("NUMBER", "a number").replace("DIMS", "a shape HxWxC")
                .replace("mismatched input", "unexpected").replace("extraneous input", "unexpected")
                .replace("no viable alternative at input", "cannot read");
        return m;
    }
}
